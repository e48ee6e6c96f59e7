/// Folds every run's parsed log into groups (races by stack signature, failures by test,
/// class and masked message) and per-test tallies, with rates per architecture.
struct Grouper {
    let runs: [Run]
    let options: SignatureOptions

    private final class Accumulator {
        let kind: GroupKind
        let signature: String
        var title: String
        var tests: [String] = []
        var packages: Set<String> = []
        var occurrences: [Occurrence] = []
        var runIDs: Set<Int> = []
        var raceObservations: [RaceDiagnosis.Observation] = []
        var ambiguous = 0
        var failure: FailureDetail?
        /// For races: the two access keys of the signature.
        var sides: [String] = []

        init(kind: GroupKind, signature: String, title: String) {
            self.kind = kind
            self.signature = signature
            self.title = title
        }

        func add(test: String) {
            if !test.isEmpty, !tests.contains(test) { tests.append(test) }
        }
    }

    private var accumulators: [String: Accumulator] = [:]
    private var order: [String] = []

    init(runs: [Run], options: SignatureOptions) {
        self.runs = runs
        self.options = options
    }

    mutating func build(logs: [ParsedLog]) -> (groups: [FlakeGroup], tests: [TestSummary]) {
        addAllRaces(logs: logs)
        for (run, log) in zip(runs, logs) {
            addFailures(run: run, log: log)
        }
        let groups = finishGroups()
        return (groups, testSummaries(logs: logs, groups: groups))
    }

    private mutating func accumulator(_ kind: GroupKind, _ signature: String, title: @autoclosure () -> String) -> Accumulator {
        if let existing = accumulators[signature] { return existing }
        let created = Accumulator(kind: kind, signature: signature, title: title())
        accumulators[signature] = created
        order.append(signature)
        return created
    }

    // MARK: - Races

    /// Complete reports first, so that a report cut off by the end of its log can join the
    /// group of the complete reports it is a prefix of.
    mutating func addAllRaces(logs: [ParsedLog]) {
        for truncatedPass in [false, true] {
            for (run, log) in zip(runs, logs) {
                addRaces(run: run, log: log, truncated: truncatedPass)
            }
        }
    }

    private func groupExtending(_ report: RaceReport) -> String? {
        let sides = RaceSignature.sides(report, options: options).map { $0.hasPrefix("~") ? "" : $0 }
        let candidates = order.filter { signature in
            guard let group = accumulators[signature], group.kind == .race, group.sides.count == 2 else { return false }
            return (group.sides[0].hasPrefix(sides[0]) && group.sides[1].hasPrefix(sides.count > 1 ? sides[1] : ""))
                || (group.sides[1].hasPrefix(sides[0]) && group.sides[0].hasPrefix(sides.count > 1 ? sides[1] : ""))
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    private mutating func addRaces(run: Run, log: ParsedLog, truncated: Bool) {
        for race in log.races where race.report.accesses.count > 0 && race.report.truncated == truncated {
            var signature = RaceSignature.make(race.report, options: options)
            if truncated, accumulators[signature] == nil, let extended = groupExtending(race.report) {
                signature = extended
            }
            let group = accumulator(.race, signature, title: Self.raceTitle(race.report))
            if group.sides.isEmpty { group.sides = RaceSignature.sides(race.report, options: options) }
            group.packages.insert(race.package)
            group.occurrences.append(race.report.occurrence)
            group.runIDs.insert(run.id)
            let stackTests = Self.stackTests(race.report)
            for test in race.detectedIn { group.add(test: test) }
            if race.detectedIn.isEmpty {
                for test in stackTests { group.add(test: test) }
            }
            // Several candidates is ambiguous; none (a race in init or TestMain) is simply outside any test.
            let ambiguous = race.detectedIn.count > 1 || (race.detectedIn.isEmpty && stackTests.count > 1)
            if ambiguous { group.ambiguous += 1 }
            var report = race.report
            report.tests = race.detectedIn.isEmpty ? stackTests : race.detectedIn
            report.attributionAmbiguous = ambiguous
            group.raceObservations.append(
                RaceDiagnosis.Observation(report: report, detectedIn: race.detectedIn, arch: run.arch, runID: run.id))
        }
    }

    /// Test functions on the access and creation stacks.
    static func stackTests(_ report: RaceReport) -> [String] {
        var tests: [String] = []
        for frame in report.accesses.flatMap(\.frames) + report.creations.flatMap(\.frames) {
            if let test = TestNames.split(function: frame.function)?.test, !tests.contains(test) { tests.append(test) }
        }
        return tests
    }

    static func raceTitle(_ report: RaceReport) -> String {
        let write = report.accesses.first { $0.kind == .write } ?? report.accesses.first
        let other = report.accesses.first { $0 != write }
        let first = write.flatMap(RaceSignature.headline) ?? "?"
        guard let other, let second = RaceSignature.headline(other) else { return "data race in \(first)" }
        return "data race: \(first) ↔ \(second)"
    }

    // MARK: - Failures

    private mutating func addFailures(run: Run, log: ParsedLog) {
        let panicTests = Set(log.panics.compactMap { panic in panic.test.map { "\(panic.package)\u{0}\($0)" } })
        let timedOut = Set(log.panics.filter(\.isTimeout).flatMap { panic in panic.runningTests.map { "\(panic.package)\u{0}\($0)" } })
        let suitesWithSpecs = Set(log.specFailures.compactMap { spec in spec.suiteTest.map { "\(spec.package)\u{0}\($0)" } })
        let failedNames = Set(log.tests.filter { $0.outcome == .failed }.map { "\($0.package)\u{0}\($0.name)" })

        for test in log.tests where test.outcome == .failed {
            let key = "\(test.package)\u{0}\(test.name)"
            if panicTests.contains(key) || timedOut.contains(key) || suitesWithSpecs.contains(key) { continue }
            if let message = test.messages.first {
                addFailure(
                    kind: .failure, package: test.package, test: test.name, message: message, stack: [],
                    occurrence: Occurrence(runID: run.id, line: test.line), run: run)
                continue
            }
            if test.raceDetected { continue }
            // A parent fails when a subtest does; the subtest is the failure.
            if failedNames.contains(where: { $0.hasPrefix(key + "/") }) { continue }
            addFailure(
                kind: .failure, package: test.package, test: test.name, message: "failed without a message", stack: [],
                occurrence: Occurrence(runID: run.id, line: test.line), run: run)
        }
        for panic in log.panics {
            let occurrence = Occurrence(runID: run.id, line: panic.line)
            if panic.isTimeout {
                let tests = panic.runningTests.isEmpty ? [panic.test ?? ""] : panic.runningTests
                let signature = "timeout|\(panic.package)|\(tests.sorted().joined(separator: ","))"
                let title = "\(tests.filter { !$0.isEmpty }.joined(separator: ", ")): \(MessageMasker.mask(panic.message))"
                let group = accumulator(.timeout, signature, title: title)
                record(group, package: panic.package, tests: tests, occurrence: occurrence, run: run)
                if group.failure == nil {
                    group.failure = FailureDetail(
                        maskedMessage: MessageMasker.mask(panic.message), exampleMessage: panic.message, stack: panic.frames)
                }
                continue
            }
            let top = panic.frames.first { FrameClassifier.isInProject($0.function) }
            let topName = top.map { FrameClassifier.normalizedFunction($0.function) } ?? ""
            addFailure(
                kind: .panic, package: panic.package, test: panic.test ?? "", message: "panic: " + panic.message,
                stack: panic.frames, occurrence: occurrence, run: run, extraKey: topName)
        }
        for build in log.buildFailures {
            let message = build.messages.first ?? "build failed"
            addFailure(
                kind: .build, package: build.package, test: "", message: message, stack: [],
                occurrence: Occurrence(runID: run.id, line: build.line), run: run,
                fullMessage: build.messages.joined(separator: "\n"))
        }
        for spec in log.specFailures {
            addFailure(
                kind: spec.isPanic ? .panic : .failure, package: spec.package, test: spec.spec,
                message: spec.message.isEmpty ? "spec failed" : spec.message, stack: [],
                occurrence: Occurrence(runID: run.id, line: spec.line), run: run)
        }
    }

    private mutating func addFailure(
        kind: GroupKind, package: String, test: String, message: String, stack: [Frame], occurrence: Occurrence,
        run: Run, extraKey: String = "", fullMessage: String? = nil
    ) {
        let masked = MessageMasker.mask(message)
        let signature = "\(kind.rawValue)|\(package)|\(test)|\(masked)|\(extraKey)"
        let firstLine = Self.oneLine(masked)
        let title = test.isEmpty ? "\(Self.shortPackage(package)): \(firstLine)" : "\(test): \(firstLine)"
        let group = accumulator(kind, signature, title: title)
        record(group, package: package, tests: [test], occurrence: occurrence, run: run)
        if group.failure == nil {
            group.failure = FailureDetail(maskedMessage: masked, exampleMessage: fullMessage ?? message, stack: stack)
        }
    }

    private func record(_ group: Accumulator, package: String, tests: [String], occurrence: Occurrence, run: Run) {
        group.packages.insert(package)
        for test in tests { group.add(test: test) }
        group.occurrences.append(occurrence)
        group.runIDs.insert(run.id)
    }

    /// Titles are one line: Gomega's multi-line "Expected … to equal …" folded, and kept short.
    static func oneLine(_ text: String, limit: Int = 140) -> String {
        let folded = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        return folded.count <= limit ? folded : String(folded.prefix(limit - 1)) + "…"
    }

    static func shortPackage(_ package: String) -> String {
        package.isEmpty ? "(unknown package)" : package
    }

    // MARK: - Rates

    private func finishGroups() -> [FlakeGroup] {
        let arches = Array(Set(runs.map(\.arch))).sorted()
        var runsByArchAndPackage: [String: [String: Int]] = [:]
        for run in runs {
            for package in run.packages { runsByArchAndPackage[run.arch, default: [:]][package, default: 0] += 1 }
        }
        var groups: [FlakeGroup] = []
        groups.reserveCapacity(order.count)
        for signature in order {
            let group = accumulators[signature]!
            let packages = group.packages.sorted()
            var perArch: [ArchRate] = []
            for arch in arches {
                let denominator: Int
                if packages.count == 1 {
                    denominator = runsByArchAndPackage[arch]?[packages[0]] ?? 0
                } else {
                    denominator = runs.filter { $0.arch == arch && !$0.packages.isDisjoint(with: packages) }.count
                }
                let occurred = group.runIDs.filter { runs[$0].arch == arch }.count
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
                    archDifferenceP: Self.archDifference(perArch), occurrences: group.occurrences.sorted(),
                    race: race, failure: group.failure))
        }
        return groups.sorted(by: Self.byImpact)
    }

    private func raceDetail(_ group: Accumulator) -> RaceDetail {
        let observations = group.raceObservations.sorted { $0.report.occurrence < $1.report.occurrence }
        var example = observations[0].report
        // Prefer a complete report as the example.
        if example.truncated, let complete = observations.first(where: { !$0.report.truncated }) { example = complete.report }
        return RaceDetail(example: example, hints: RaceDiagnosis.hints(for: observations), ambiguousAttributions: group.ambiguous)
    }

    /// Fisher's exact test between the architectures with the highest and the lowest rate.
    static func archDifference(_ perArch: [ArchRate]) -> Double? {
        let measured = perArch.filter { $0.runs > 0 }
        guard measured.count >= 2,
            let high = measured.max(by: { ($0.rate, $1.arch) < ($1.rate, $0.arch) }),
            let low = measured.min(by: { ($0.rate, $0.arch) < ($1.rate, $1.arch) }), high.arch != low.arch
        else { return nil }
        return Proportions.fisherExactTwoSided(
            high.occurrences, high.runs - high.occurrences, low.occurrences, low.runs - low.occurrences)
    }

    /// Most runs hit first, then the highest rate anywhere, races before failures, then title.
    static func byImpact(_ a: FlakeGroup, _ b: FlakeGroup) -> Bool {
        if a.runCount != b.runCount { return a.runCount > b.runCount }
        let aMax = a.perArch.map(\.rate).max() ?? 0, bMax = b.perArch.map(\.rate).max() ?? 0
        if aMax != bMax { return aMax > bMax }
        let kinds = GroupKind.allCases
        let aKind = kinds.firstIndex(of: a.kind)!, bKind = kinds.firstIndex(of: b.kind)!
        if aKind != bKind { return aKind < bKind }
        if a.title != b.title { return a.title < b.title }
        return a.id < b.id
    }

    /// FNV-1a of the signature: the same group gets the same id in every run of flaketui.
    static func stableID(_ signature: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in signature.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Tests

    private func testSummaries(logs: [ParsedLog], groups: [FlakeGroup]) -> [TestSummary] {
        struct Key: Hashable {
            let package: String
            let name: String
        }
        var counts: [Key: [String: (passed: Int, failed: Int, skipped: Int)]] = [:]
        for (run, log) in zip(runs, logs) {
            for test in log.tests {
                var tally = counts[Key(package: test.package, name: test.name), default: [:]][run.arch] ?? (0, 0, 0)
                switch test.outcome {
                case .passed: tally.passed += 1
                case .failed: tally.failed += 1
                case .skipped: tally.skipped += 1
                }
                counts[Key(package: test.package, name: test.name), default: [:]][run.arch] = tally
            }
        }
        var groupsByTest: [String: [String]] = [:]
        for group in groups {
            for test in group.tests { groupsByTest[test, default: []].append(group.id) }
        }
        return counts.keys.sorted { ($0.package, $0.name) < ($1.package, $1.name) }.map { key in
            let perArch = counts[key]!.keys.sorted().map { arch in
                let tally = counts[key]![arch]!
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
