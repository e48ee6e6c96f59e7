import Foundation

/// The kinds of group shown to the user.
public enum GroupKind: String, Sendable, Hashable, CaseIterable, Codable {
    case race, failure, panic, timeout, build
}

/// How often a group occurred on one architecture.
public struct ArchRate: Sendable, Hashable {
    public let arch: String
    /// Distinct runs in which the group occurred.
    public let occurrences: Int
    /// Runs of this architecture that ran the affected package(s): the denominator.
    public let runs: Int
    public var rate: Double { runs == 0 ? 0 : Double(occurrences) / Double(runs) }
    /// 95% Wilson score interval.
    public let ci95: ClosedRange<Double>

    public init(arch: String, occurrences: Int, runs: Int, ci95: ClosedRange<Double>) {
        self.arch = arch
        self.occurrences = occurrences
        self.runs = runs
        self.ci95 = ci95
    }
}

/// A hint about a race's cause, resting on named frames.
public struct DiagnosisHint: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An access made by a goroutine that an earlier, different test created.
        case goroutineOutlivedTest = "goroutine-outlived-test"
        /// A write from test code (setup) against a read in package code.
        case testSetupWrite = "test-setup-write"
        /// A package-level variable shared across tests.
        case packageLevelVariable = "package-level-variable"
    }

    public let kind: Kind
    public let message: String
    /// The frames the hint rests on, as `function (file:line)`.
    public let evidence: [String]

    public init(kind: Kind, message: String, evidence: [String]) {
        self.kind = kind
        self.message = message
        self.evidence = evidence
    }
}

/// The race half of a group: one representative report plus what all reports share.
public struct RaceDetail: Sendable, Hashable {
    /// The first report seen (stable order: by run path, then line).
    public let example: RaceReport
    public let hints: [DiagnosisHint]
    /// Reports whose attribution to a test was ambiguous.
    public let ambiguousAttributions: Int

    public init(example: RaceReport, hints: [DiagnosisHint], ambiguousAttributions: Int) {
        self.example = example
        self.hints = hints
        self.ambiguousAttributions = ambiguousAttributions
    }
}

/// The failure half of a group.
public struct FailureDetail: Sendable, Hashable {
    /// The message with run-specific noise masked.
    public let maskedMessage: String
    /// One raw message as it appeared.
    public let exampleMessage: String
    /// For panics and timeouts: the panicking goroutine's stack.
    public let stack: [Frame]

    public init(maskedMessage: String, exampleMessage: String, stack: [Frame]) {
        self.maskedMessage = maskedMessage
        self.exampleMessage = exampleMessage
        self.stack = stack
    }
}

/// Failures or races that share one signature.
public struct FlakeGroup: Sendable, Hashable, Identifiable {
    /// Stable short hash of the signature.
    public let id: String
    public let kind: GroupKind
    public let title: String
    public let signature: String
    public let tests: [String]
    public let packages: [String]
    public let perArch: [ArchRate]
    /// Two-sided Fisher exact test between architectures (the two extreme ones when more than two).
    public let archDifferenceP: Double?
    /// Every place it occurred, ordered by run then line.
    public let occurrences: [Occurrence]
    public let race: RaceDetail?
    public let failure: FailureDetail?
    /// Start times of the earliest and latest runs it occurred in, where the runs' start times are known.
    public internal(set) var firstSeen: Date?
    public internal(set) var lastSeen: Date?

    /// Distinct runs over all architectures.
    public var runCount: Int { perArch.reduce(0) { $0 + $1.occurrences } }

    public init(
        id: String, kind: GroupKind, title: String, signature: String, tests: [String], packages: [String],
        perArch: [ArchRate], archDifferenceP: Double?, occurrences: [Occurrence], race: RaceDetail?,
        failure: FailureDetail?
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.signature = signature
        self.tests = tests
        self.packages = packages
        self.perArch = perArch
        self.archDifferenceP = archDifferenceP
        self.occurrences = occurrences
        self.race = race
        self.failure = failure
    }
}

public enum TestVerdict: String, Sendable, Hashable, Codable {
    case flaky, failing, passing, skipped
}

public struct TestArchCounts: Sendable, Hashable {
    public let arch: String
    public let passed: Int
    public let failed: Int
    public let skipped: Int

    public init(arch: String, passed: Int, failed: Int, skipped: Int) {
        self.arch = arch
        self.passed = passed
        self.failed = failed
        self.skipped = skipped
    }
}

public struct TestSummary: Sendable, Hashable {
    public let name: String
    public let package: String
    public let perArch: [TestArchCounts]
    public let verdict: TestVerdict
    /// Ids of the groups that hit this test.
    public let groupIDs: [String]

    public init(name: String, package: String, perArch: [TestArchCounts], verdict: TestVerdict, groupIDs: [String]) {
        self.name = name
        self.package = package
        self.perArch = perArch
        self.verdict = verdict
        self.groupIDs = groupIDs
    }
}

/// Per-architecture totals for headers: `s390x  50 runs · 30 failed · 30/50 with a race`.
public struct ArchSummary: Sendable, Hashable {
    public let arch: String
    public let runs: Int
    public let failedRuns: Int
    public let raceRuns: Int

    public init(arch: String, runs: Int, failedRuns: Int, raceRuns: Int) {
        self.arch = arch
        self.runs = runs
        self.failedRuns = failedRuns
        self.raceRuns = raceRuns
    }
}

/// Everything flaketui learned from a set of logs; what views and exports read.
public struct Analysis: Sendable {
    public let runs: [Run]
    public let arches: [ArchSummary]
    /// Ordered by impact.
    public let groups: [FlakeGroup]
    public let tests: [TestSummary]
    public let problems: [Problem]

    public init(runs: [Run], arches: [ArchSummary], groups: [FlakeGroup], tests: [TestSummary], problems: [Problem]) {
        self.runs = runs
        self.arches = arches
        self.groups = groups
        self.tests = tests
        self.problems = problems
    }

    public func run(_ id: Int) -> Run? { runs.indices.contains(id) && runs[id].id == id ? runs[id] : runs.first { $0.id == id } }
    public func group(_ id: String) -> FlakeGroup? { groups.first { $0.id == id } }
}
