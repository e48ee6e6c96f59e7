/// Folds runs into groups (races by stack signature, failures by test, class and masked
/// message), one run at a time, so that a run's parse can be dropped as soon as it is folded:
/// memory follows the distinct content, not the size of the logs.
struct Grouper {
    let options: SignatureOptions

    private final class Accumulator {
        let kind: GroupKind
        let signature: String
        var title: String
        var tests: [String] = []
        var packages: Set<String> = []
        var occurrences: [Occurrence] = []
        private(set) var example: RaceReport?
        /// Whether `example` is cut off, nil without one: read for every report, where reading
        /// it through `example` copied the whole report.
        private(set) var exampleIsTruncated: Bool?
        var diagnosis = RaceDiagnosis()
        var ambiguous = 0
        var failure: FailureDetail?
        /// For races: the two access keys of the signature.
        var sides: [String] = []

        init(kind: GroupKind, signature: String, title: String) {
            self.kind = kind
            self.signature = signature
            self.title = title
        }

        func setExample(_ report: RaceReport) {
            example = report
            exampleIsTruncated = report.truncated
        }

        func add(test: String) {
            if !test.isEmpty, !tests.contains(test) { tests.append(test) }
        }

        /// The package inserted last: a group's occurrences nearly always repeat it, and a
        /// compare of shared strings is cheaper than hashing.
        private var lastPackage: String?

        func record(package: String, tests: [String], occurrence: Occurrence) {
            if package != lastPackage {
                packages.insert(package)
                lastPackage = package
            }
            for test in tests { add(test: test) }
            occurrences.append(occurrence)
        }
    }

    private var accumulators: [HashedString: Accumulator] = [:]
    private var order: [HashedString] = []
    /// Reports cut off by the end of their log wait until every complete report is in, so that
    /// they can join the group of a complete report they are a prefix of.
    private var truncatedRaces: [(run: Run, race: RunDigest.RaceContribution)] = []

    init(options: SignatureOptions) {
        self.options = options
    }

    mutating func add(run: Run, digest: RunDigest) {
        // Read in place: `for race in` copied each contribution, retaining every string and
        // array of it on this thread while the workers retained the same ones.
        digest.races.withUnsafeBufferPointer { races in
            for index in races.indices {
                if races[index].parsedReport.truncated {
                    truncatedRaces.append((run, races[index]))
                } else {
                    let group = accumulator(.race, races[index].signature, title: RunDigest.raceTitle(races[index].report))
                    Self.record(races.baseAddress! + index, in: group, run: run)
                }
            }
        }
        digest.failures.withUnsafeBufferPointer { failures in
            for index in failures.indices {
                let group = accumulator(failures[index].kind, failures[index].signature, title: failures[index].title())
                group.record(
                    package: failures[index].package, tests: failures[index].tests,
                    occurrence: Occurrence(runID: run.id, line: failures[index].line))
                if case .none = group.failure { group.failure = failures[index].detail }
            }
        }
    }

    /// `tallies`: every run's test results (kept apart from the groups, see `TestTallies`).
    mutating func finish(runs: [Run], tallies: TestTallies) -> (groups: [FlakeGroup], tests: [TestSummary]) {
        for (run, race) in truncatedRaces {
            let signature = accumulators[race.signature] == nil ? groupExtending(race.sides) ?? race.signature : race.signature
            let group = accumulator(.race, signature, title: RunDigest.raceTitle(race.report))
            withUnsafePointer(to: race) { Self.record($0, in: group, run: run) }
        }
        truncatedRaces = []
        let groups = finishGroups(runs: runs, tallies: tallies)
        return (groups, testSummaries(groups: groups, tallies: tallies))
    }

    private mutating func accumulator(_ kind: GroupKind, _ signature: HashedString, title: @autoclosure () -> String) -> Accumulator {
        if let existing = accumulators[signature] { return existing }
        let created = Accumulator(kind: kind, signature: signature.string, title: title())
        accumulators[signature] = created
        order.append(signature)
        return created
    }

    // MARK: - Races

    /// By pointer: a contribution passed by value was copied at every call (retaining each of
    /// its strings and arrays), even from a buffer read in place.
    private static func record(_ contribution: UnsafePointer<RunDigest.RaceContribution>, in group: Accumulator, run: Run) {
        // Parsed before the run had its final id (files without runs shift the numbering).
        let parsedAt = contribution.pointee.parsedReport.occurrence
        let occurrence = parsedAt.runID == run.id ? parsedAt : Occurrence(runID: run.id, line: parsedAt.line)
        if group.sides.isEmpty { group.sides = contribution.pointee.sides }
        group.record(package: contribution.pointee.package, tests: contribution.pointee.tests, occurrence: occurrence)
        if contribution.pointee.ambiguous { group.ambiguous += 1 }
        // The first report seen is the example; a complete one is preferred.
        if group.exampleIsTruncated.map({ $0 && !contribution.pointee.parsedReport.truncated }) ?? true {
            var example = contribution.pointee.report
            example.occurrence = occurrence
            group.setExample(example)
        }
        group.diagnosis.observe(
            report: contribution.pointee.parsedReport, detectedIn: contribution.pointee.detectedIn, arch: run.arch, runID: run.id,
            stackFacts: contribution.pointee.stackFacts)
    }

    /// The one race group whose access keys a truncated report's keys are prefixes of.
    private func groupExtending(_ reportSides: [String]) -> HashedString? {
        let sides = reportSides.map { $0.hasPrefix("~") ? "" : $0 }
        let second = sides.count > 1 ? sides[1] : ""
        let candidates = order.filter { signature in
            guard let group = accumulators[signature], group.kind == .race, group.sides.count == 2 else { return false }
            return (group.sides[0].hasPrefix(sides[0]) && group.sides[1].hasPrefix(second))
                || (group.sides[1].hasPrefix(sides[0]) && group.sides[0].hasPrefix(second))
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    // MARK: - Rates

    private func finishGroups(runs: [Run], tallies: TestTallies) -> [FlakeGroup] {
        // Occurrences count by a run's architecture number: a dictionary keyed by the name
        // hashed the name once per occurrence, a tenth of the whole fold on lane logs. The runs'
        // names are numbered by identity first (they are a few strings, shared by many runs).
        var seenArches = RepeatedStringNumbers()
        let archSeenOfRun = runs.map { seenArches.number($0.arch) }
        let arches = seenArches.strings.sorted()
        let archOfSeen = seenArches.strings.map { arches.firstIndex(of: $0)! }
        let archOfRun = archSeenOfRun.map { archOfSeen[$0] }
        // Runs by architecture and package, counted by the package string's identity (runs
        // share their packages' strings) and then by text: every package of every run was
        // hashed twice with SipHash, in the single-threaded tail of the analysis.
        var runsByArchAndPackageIdentity = Array(repeating: [StringIdentityKey: (package: String, runs: Int)](), count: arches.count)
        for (index, run) in runs.enumerated() {
            for package in run.packages {
                runsByArchAndPackageIdentity[archOfRun[index]][StringIdentityKey(package), default: (package, 0)].runs += 1
            }
        }
        let runsByArchAndPackage = runsByArchAndPackageIdentity.map { byIdentity in
            var byText: [String: Int] = [:]
            for entry in byIdentity.values { byText[entry.package, default: 0] += entry.runs }
            return byText
        }
        var groups: [FlakeGroup] = []
        groups.reserveCapacity(order.count)
        var fisherTests = FisherTests()
        for signature in order {
            let group = accumulators[signature]!
            let signature = signature.string
            let packages = group.packages.sorted()
            let occurrences = group.occurrences.sorted()
            // Runs it occurred in, by architecture: occurrences are sorted, so a run's are adjacent.
            var occurredByArch = [Int](repeating: 0, count: arches.count)
            for (index, occurrence) in occurrences.enumerated()
            where index == 0 || occurrences[index - 1].runID != occurrence.runID {
                occurredByArch[archOfRun[occurrence.runID]] += 1
            }
            var perArch: [ArchRate] = []
            for (archNumber, arch) in arches.enumerated() {
                let denominator: Int
                if let ranTest = Self.soleTest(group), let tally = tallies.perArch(ranTest) {
                    // A test's own failure can only happen where the test ran: a run whose binary
                    // died earlier (another test's panic) is no chance for it to fail.
                    denominator = tally[arch].map { $0.passed + $0.failed } ?? 0
                } else if packages.count == 1 {
                    denominator = runsByArchAndPackage[archNumber][packages[0]] ?? 0
                } else {
                    denominator = runs.filter { $0.arch == arch && !$0.packages.isDisjoint(with: packages) }.count
                }
                let occurred = occurredByArch[archNumber]
                guard denominator > 0 || occurred > 0 else { continue }
                let runsOfArch = max(denominator, occurred)
                perArch.append(
                    ArchRate(arch: arch, occurrences: occurred, runs: runsOfArch, ci95: Proportions.wilson(occurred, runsOfArch)))
            }
            let race = group.kind == .race ? raceDetail(group) : nil
            groups.append(
                FlakeGroup(
                    id: Self.stableID(signature), kind: group.kind, title: group.title, signature: signature,
                    tests: group.tests.sorted(), packages: packages, perArch: perArch,
                    archDifferenceP: Self.archDifference(perArch, tests: &fisherTests), occurrences: occurrences,
                    race: race, failure: group.failure))
        }
        return Self.sortedByImpact(groups)
    }

    /// The one Go test a failure group is about (races can strike whatever test is running).
    private static func soleTest(_ group: Accumulator) -> TestKey? {
        guard group.kind != .race, group.tests.count == 1, group.packages.count == 1 else { return nil }
        return TestKey(package: group.packages.first!, name: group.tests[0])
    }

    private func raceDetail(_ group: Accumulator) -> RaceDetail {
        RaceDetail(example: group.example!, hints: group.diagnosis.hints, ambiguousAttributions: group.ambiguous)
    }

    /// Fisher's exact test between the architectures with the highest and the lowest rate.
    /// Groups of one lane share a few tables (7/7 against 0/7): each is worked out once.
    private struct FisherTests {
        private struct Table: Hashable {
            let a: Int, b: Int, c: Int, d: Int
        }
        private var values: [Table: Double] = [:]

        mutating func twoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
            let table = Table(a: a, b: b, c: c, d: d)
            if let value = values[table] { return value }
            let value = Proportions.fisherExactTwoSided(a, b, c, d)
            values[table] = value
            return value
        }
    }

    private static func archDifference(_ perArch: [ArchRate], tests: inout FisherTests) -> Double? {
        let measured = perArch.filter { $0.runs > 0 }.sorted { ($1.rate, $0.arch) < ($0.rate, $1.arch) }
        guard measured.count >= 2, let high = measured.first, let low = measured.last else { return nil }
        return tests.twoSided(high.occurrences, high.runs - high.occurrences, low.occurrences, low.runs - low.occurrences)
    }

    /// Most runs hit first, then the highest rate anywhere, races before failures, then title.
    /// Each group's key is worked out once and indices are sorted, not the groups (comparing
    /// groups rebuilt both keys each time: a third of the fold on lane logs).
    static func sortedByImpact(_ groups: [FlakeGroup]) -> [FlakeGroup] {
        let keys = groups.map(ImpactKey.init)
        return groups.indices.sorted { keys[$0].precedes(keys[$1]) }.map { groups[$0] }
    }

    private struct ImpactKey {
        let runCount: Int
        let highestRate: Double
        let kind: Int
        let title: String
        let id: String

        init(_ group: FlakeGroup) {
            runCount = group.runCount
            highestRate = group.perArch.map(\.rate).max() ?? 0
            kind = GroupKind.allCases.firstIndex(of: group.kind)!
            title = group.title
            id = group.id
        }

        func precedes(_ other: ImpactKey) -> Bool {
            if runCount != other.runCount { return runCount > other.runCount }
            if highestRate != other.highestRate { return highestRate > other.highestRate }
            if kind != other.kind { return kind < other.kind }
            if title != other.title { return title < other.title }
            return id < other.id
        }
    }

    /// FNV-1a of the signature: the same group gets the same id in every run of flaketui.
    static func stableID(_ signature: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var signature = signature
        // Over the contiguous bytes: iterating `utf8` cost ten instructions a byte.
        signature.withUTF8 { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Tests

    private func testSummaries(groups: [FlakeGroup], tallies: TestTallies) -> [TestSummary] {
        var groupsByTest: [String: [String]] = [:]
        for group in groups {
            for test in group.tests { groupsByTest[test, default: []].append(group.id) }
        }
        return tallies.keys.sorted { ($0.package, $0.name) < ($1.package, $1.name) }.map { key in
            let counts = tallies.perArch(key)!
            let perArch = counts.keys.sorted().map { arch in
                let tally = counts[arch]!
                return TestArchCounts(arch: arch, passed: tally.passed, failed: tally.failed, skipped: tally.skipped)
            }
            let passed = perArch.reduce(0) { $0 + $1.passed }, failed = perArch.reduce(0) { $0 + $1.failed }
            return TestSummary(
                name: key.name, package: key.package, perArch: perArch,
                verdict: TestVerdict(passed: passed, failed: failed), groupIDs: groupsByTest[key.name] ?? [])
        }
    }
}

extension TestVerdict {
    init(passed: Int, failed: Int) {
        if passed > 0, failed > 0 {
            self = .flaky
        } else if failed > 0 {
            self = .failing
        } else if passed > 0 {
            self = .passing
        } else {
            self = .skipped
        }
    }
}

extension TestArchCounts {
    public var verdict: TestVerdict { TestVerdict(passed: passed, failed: failed) }
}
