import Foundation

/// `--format json`: the report for scripts. Versioned by `schema`; keys are sorted and arrays
/// keep the report's order, so the same logs always give the same bytes.
public enum JSONReport {
    public static let schema = "flaketui/1"

    public static func render(_ result: AnalyzeResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(result.analysis, contents: result.runContents, skippedFiles: result.skippedFiles))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Document: Encodable {
        let schema = JSONReport.schema
        let runs: [RunEntry]
        let arches: [ArchEntry]
        let groups: [GroupEntry]
        let tests: [TestEntry]
        let problems: [ProblemEntry]
        let skippedFiles: Int

        init(_ analysis: Analysis, contents: [ParsedLog], skippedFiles: Int) {
            // Contents are there when the analysis kept them (`keepRunContents`), for merging.
            let kept = contents.count == analysis.runs.count
            runs = analysis.runs.enumerated().map { RunEntry($1, content: kept ? contents[$0] : nil) }
            arches = analysis.arches.map { ArchEntry(arch: $0.arch, runs: $0.runs, failedRuns: $0.failedRuns, raceRuns: $0.raceRuns) }
            groups = analysis.groups.map { GroupEntry($0, runs: analysis.runs) }
            tests = analysis.tests.map(TestEntry.init)
            problems = analysis.problems.map { ProblemEntry(path: $0.path, message: $0.message) }
            self.skippedFiles = skippedFiles
        }
    }

    struct RunEntry: Encodable {
        let path: String, arch: String, archSource: String, archEvidence: String?, format: String
        let packages: [String], failed: Bool, race: Bool, goVersion: String?
        /// From the CI layout: omitted for plain log files.
        let layout: String?, startTime: String?, commit: String?, ciResult: String?
        /// Everything the run's log said: what a later `flaketui exports/` merges.
        let content: ParsedLog?

        init(_ run: Run, content: ParsedLog?) {
            self.content = content
            path = run.path
            arch = run.arch
            archSource = run.archSource.kind
            switch run.archSource {
            case .path(let token): archEvidence = token
            case .content(let line): archEvidence = line
            case .metadata(let what): archEvidence = what
            case .override, .unknown: archEvidence = nil
            }
            format = run.format.rawValue
            packages = run.packages.sorted()
            failed = run.failed
            race = run.hasRace
            goVersion = run.goVersion
            layout = run.layout?.rawValue
            startTime = run.startTime.map(Timestamp.format)
            commit = run.commit
            ciResult = run.ciResult
        }
    }

    struct ArchEntry: Encodable {
        let arch: String, runs: Int, failedRuns: Int, raceRuns: Int
    }

    struct RateEntry: Encodable {
        let arch: String, occurrences: Int, runs: Int, rate: Double, ci95: [Double]

        init(_ rate: ArchRate) {
            arch = rate.arch
            occurrences = rate.occurrences
            runs = rate.runs
            self.rate = rate.rate
            ci95 = [rate.ci95.lowerBound, rate.ci95.upperBound]
        }
    }

    struct PlaceEntry: Encodable {
        let path: String, line: Int
    }

    struct FrameEntry: Encodable {
        let function: String, file: String, line: Int, inProject: Bool

        init(_ frame: Frame) {
            function = frame.function
            file = frame.file
            line = frame.line
            inProject = FrameClassifier.isInProject(frame.function)
        }
    }

    struct AccessEntry: Encodable {
        let kind: String, atomic: Bool, previous: Bool, goroutine: String, address: String?, frames: [FrameEntry]
        let stackUnavailable: Bool

        init(_ access: RaceAccess) {
            kind = access.kind.rawValue
            atomic = access.atomic
            previous = access.previous
            goroutine = access.goroutine.description
            address = access.address
            frames = access.frames.map(FrameEntry.init)
            stackUnavailable = access.stackUnavailable
        }
    }

    struct CreationEntry: Encodable {
        let goroutine: Int, state: String, frames: [FrameEntry]
    }

    struct LocationEntry: Encodable {
        let kind: String, name: String?, size: Int, address: String, goroutine: String?, file: String?, line: Int?
        let frames: [FrameEntry]
    }

    struct HintEntry: Encodable {
        let kind: String, message: String, evidence: [String]
    }

    struct RaceEntry: Encodable {
        let accesses: [AccessEntry], creations: [CreationEntry], location: LocationEntry?, truncated: Bool
        let hints: [HintEntry], ambiguousAttributions: Int

        init(_ detail: RaceDetail) {
            let report = detail.example
            accesses = report.accesses.map(AccessEntry.init)
            creations = report.creations.map {
                CreationEntry(goroutine: $0.goroutine, state: $0.state, frames: $0.frames.map(FrameEntry.init))
            }
            switch report.location {
            case .heap(let size, let address, let goroutine, let frames):
                location = LocationEntry(
                    kind: "heap", name: nil, size: size, address: address, goroutine: goroutine.description, file: nil,
                    line: nil, frames: frames.map(FrameEntry.init))
            case .global(let name, let size, let address, let file, let line):
                location = LocationEntry(
                    kind: "global", name: name, size: size, address: address, goroutine: nil, file: file, line: line,
                    frames: [])
            case nil:
                location = nil
            }
            truncated = report.truncated
            hints = detail.hints.map { HintEntry(kind: $0.kind.rawValue, message: $0.message, evidence: $0.evidence) }
            ambiguousAttributions = detail.ambiguousAttributions
        }
    }

    struct FailureEntry: Encodable {
        let maskedMessage: String, exampleMessage: String, stack: [FrameEntry]
    }

    struct GroupEntry: Encodable {
        let id: String, kind: String, title: String, signature: String, tests: [String], packages: [String]
        let perArch: [RateEntry], archDifferenceP: Nullable<Double>, occurrences: [PlaceEntry]
        let race: Nullable<RaceEntry>, failure: Nullable<FailureEntry>
        /// Start times of the earliest and latest runs it occurred in; omitted when unknown.
        let firstSeen: String?, lastSeen: String?

        init(_ group: FlakeGroup, runs: [Run]) {
            id = group.id
            firstSeen = group.firstSeen.map(Timestamp.format)
            lastSeen = group.lastSeen.map(Timestamp.format)
            kind = group.kind.rawValue
            title = group.title
            signature = group.signature
            tests = group.tests
            packages = group.packages
            perArch = group.perArch.map(RateEntry.init)
            archDifferenceP = Nullable(group.archDifferenceP)
            occurrences = group.occurrences.map { PlaceEntry(path: runs[$0.runID].path, line: $0.line) }
            race = Nullable(group.race.map(RaceEntry.init))
            failure = Nullable(
                group.failure.map {
                    FailureEntry(
                        maskedMessage: $0.maskedMessage, exampleMessage: $0.exampleMessage, stack: $0.stack.map(FrameEntry.init))
                })
        }
    }

    struct TestArchEntry: Encodable {
        let arch: String, passed: Int, failed: Int, skipped: Int, verdict: String
    }

    struct TestEntry: Encodable {
        let name: String, package: String, perArch: [TestArchEntry], verdict: String, groups: [String]

        init(_ test: TestSummary) {
            name = test.name
            package = test.package
            perArch = test.perArch.map {
                TestArchEntry(arch: $0.arch, passed: $0.passed, failed: $0.failed, skipped: $0.skipped, verdict: $0.verdict.rawValue)
            }
            verdict = test.verdict.rawValue
            groups = test.groupIDs
        }
    }

    /// Writes `null` instead of leaving the key out: every group has the same keys.
    struct Nullable<Value: Encodable>: Encodable {
        let value: Value?

        init(_ value: Value?) { self.value = value }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if let value { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    struct ProblemEntry: Encodable {
        let path: String, message: String
    }
}
