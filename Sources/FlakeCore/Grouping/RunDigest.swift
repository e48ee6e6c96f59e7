/// What one run contributes to the groups, worked out on the parsing thread: signatures,
/// masked messages and titles. The single-threaded fold in `Grouper` then only looks them up.
struct RunDigest: Sendable {
    struct RaceContribution: Sendable {
        /// Hashed here: the fold looks every occurrence's group up by it.
        let signature: HashedString
        /// What the report's stacks give, shared by the reports with the same stacks.
        let stacks: RaceStackMemo.Stacks
        let package: String
        /// As parsed: a copy of a remembered report is made into one only for a group's example.
        let parsedReport: ParsedRaceReport
        let detectedIn: [String]
        /// Tests to list on the group: the detecting tests, else those on the stacks.
        let tests: [String]
        let ambiguous: Bool

        /// The report with its attribution filled in.
        var report: RaceReport {
            var report = parsedReport.report
            report.tests = tests
            report.attributionAmbiguous = ambiguous
            return report
        }

        /// The two access keys of the signature, for matching truncated reports.
        var sides: [String] { stacks.sides }
        var stackFacts: RaceDiagnosis.StackFacts { stacks.facts }
    }

    struct FailureContribution: Sendable {
        let kind: GroupKind
        /// Signature, title and tests, shared with the failures that mask alike.
        let made: FailureMemo.Made
        var signature: HashedString { made.signature }
        /// Called only for the first occurrence of a group: most occurrences join an existing one.
        var title: @Sendable () -> String { made.title }
        var tests: [String] { made.tests }
        let package: String
        let line: Int
        let detail: FailureDetail
    }

    var races: [RaceContribution] = []
    var failures: [FailureContribution] = []

    /// `memo` and `failureMemo`: the worker's (the memo keeps alive the names it is keyed by).
    init(log: ParsedLog, options: SignatureOptions, memo: RaceStackMemo? = nil, failureMemo: FailureMemo? = nil) {
        for race in log.races where race.parsedReport.accessCount > 0 { races.append(Self.race(race, options: options, memo: memo)) }
        addFailures(log, memo: failureMemo)
    }

    // MARK: - Races

    private static func race(_ race: ParsedRace, options: SignatureOptions, memo: RaceStackMemo?) -> RaceContribution {
        // A copy's stacks are the remembered report's, worked out from it; looked up only when
        // the slot has none (a report copied out every time retained all its arrays).
        func lookUp() -> RaceStackMemo.Stacks {
            let stacksReport = race.parsedReport.stacks
            let compute = {
                let sides = RaceSignature.sides(stacksReport, options: options)
                return RaceStackMemo.Stacks(
                    sides: sides, signature: HashedString(RaceSignature.make(sides: sides)),
                    stackTests: Self.stackTests(stacksReport), facts: RaceDiagnosis.StackFacts(stacksReport))
            }
            return memo?.stacks(of: stacksReport, compute) ?? compute()
        }
        let stacks = race.parsedReport.stacksSlot?.stacks(options: options, lookUp) ?? lookUp()
        let stackTests = stacks.stackTests
        // Several candidates is ambiguous; none (a race in init or TestMain) is simply outside any test.
        let ambiguous = race.detectedIn.count > 1 || (race.detectedIn.isEmpty && stackTests.count > 1)
        return RaceContribution(
            signature: RaceSignature.make(sidesPart: stacks.signature, global: race.parsedReport.globalVariable),
            stacks: stacks, package: race.package, parsedReport: race.parsedReport, detectedIn: race.detectedIn,
            tests: race.detectedIn.isEmpty ? stackTests : race.detectedIn, ambiguous: ambiguous)
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

    private mutating func addFailures(_ log: ParsedLog, memo: FailureMemo?) {
        // Indices, not copies: a lane's run holds thousands of results, and copying each one to
        // test its outcome retained and released its strings.
        let failed = log.tests.indices.filter { log.tests[$0].outcome == .failed }
        // Tests whose failure another group explains: the panicking test, those a timeout
        // interrupted, Ginkgo suites (their specs are the groups), and parents of failed subtests.
        var explained = Set<TestKey>()
        for panic in log.panics {
            if let test = panic.test { explained.insert(TestKey(package: panic.package, name: test)) }
            if panic.isTimeout { for test in panic.runningTests { explained.insert(TestKey(package: panic.package, name: test)) } }
        }
        for spec in log.specFailures {
            if let suite = spec.suiteTest { explained.insert(TestKey(package: spec.package, name: suite)) }
        }
        var parentsOfFailures = Set<TestKey>()
        for index in failed where ByteLine.withBytes(of: log.tests[index].name, { $0.firstIndex(of: 0x2F) != nil }) {
            let test = log.tests[index]
            var name = Substring(test.name)
            while let slash = name.utf8.lastIndex(of: 0x2F) {
                name = name[..<slash]
                parentsOfFailures.insert(TestKey(package: test.package, name: String(name)))
            }
        }

        failures.reserveCapacity(failed.count + log.panics.count + log.buildFailures.count + log.specFailures.count)
        // Read in place: a copy of each failed result retained and released its strings.
        log.tests.withUnsafeBufferPointer { tests in
            for index in failed {
                let test = tests.baseAddress! + index
                // Hashed once, and only when there is a set to look in (there rarely is).
                let key =
                    explained.isEmpty && parentsOfFailures.isEmpty
                    ? nil : TestKey(package: test.pointee.package, name: test.pointee.name)
                if let key, explained.contains(key) { continue }
                if let message = test.pointee.messages.first {
                    addFailure(
                        .failure, package: test.pointee.package, test: test.pointee.name, message: message, line: test.pointee.line,
                        memo: memo)
                    continue
                }
                // A race-detected line is the race group's; a parent fails when a subtest does.
                if test.pointee.raceDetected || (key.map(parentsOfFailures.contains) ?? false) { continue }
                addFailure(
                    .failure, package: test.pointee.package, test: test.pointee.name, message: "failed without a message",
                    line: test.pointee.line, memo: memo)
            }
        }
        for panic in log.panics {
            if panic.isTimeout {
                let tests = panic.runningTests.isEmpty ? [panic.test ?? ""] : panic.runningTests
                let masked = MessageMasker.mask(panic.message)
                let made = FailureMemo.Made(
                    masked: masked, signature: HashedString("timeout|\(panic.package)|\(tests.sorted().joined(separator: ","))"),
                    title: { "\(tests.filter { !$0.isEmpty }.joined(separator: ", ")): \(masked)" }, tests: tests)
                failures.append(
                    FailureContribution(
                        kind: .timeout, made: made, package: panic.package, line: panic.line,
                        detail: FailureDetail(maskedMessage: masked, exampleMessage: panic.message, stack: panic.frames)))
                continue
            }
            let top = panic.frames.first { FrameClassifier.isInProject($0.function) }
            addFailure(
                .panic, package: panic.package, test: panic.test ?? "", message: "panic: " + panic.message,
                line: panic.line, stack: panic.frames, extraKey: top.map { FrameClassifier.normalizedFunction($0.function) } ?? "",
                memo: memo)
        }
        for build in log.buildFailures {
            addFailure(
                .build, package: build.package, test: "", message: build.messages.first ?? "build failed", line: build.line,
                fullMessage: build.messages.joined(separator: "\n"), memo: memo)
        }
        for spec in log.specFailures {
            addFailure(
                spec.isPanic ? .panic : .failure, package: spec.package, test: spec.spec,
                message: spec.message.isEmpty ? "spec failed" : spec.message, line: spec.line, memo: memo)
        }
    }

    private mutating func addFailure(
        _ kind: GroupKind, package: String, test: String, message: String, line: Int, stack: [Frame] = [],
        extraKey: String = "", fullMessage: String? = nil, memo: FailureMemo?
    ) {
        let made =
            memo?.made(kind: kind, package: package, test: test, message: message, extraKey: extraKey)
            ?? FailureMemo.make(kind: kind, package: package, test: test, masked: MessageMasker.mask(message), extraKey: extraKey)
        failures.append(
            FailureContribution(
                kind: kind, made: made, package: package, line: line,
                detail: FailureDetail(maskedMessage: made.masked, exampleMessage: fullMessage ?? message, stack: stack)))
    }

    /// A panic's first line says what happened (the `[signal …]` line after it is detail); an
    /// assertion's lines belong together (Gomega's `Expected … to equal …`).
    static func failureTitle(kind: GroupKind, package: String, test: String, masked: String) -> String {
        let summary = kind == .panic ? oneLine(String(masked.prefix { $0 != "\n" })) : oneLine(masked)
        return test.isEmpty ? "\(package.isEmpty ? "(unknown package)" : package): \(summary)" : "\(test): \(summary)"
    }

    /// Titles are one line: Gomega's multi-line "Expected … to equal …" folded, and kept short.
    static func oneLine(_ text: String, limit: Int = 140) -> String {
        if isOneShortLine(text, limit: limit) { return text }
        let folded = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        return folded.count <= limit ? folded : String(folded.prefix(limit - 1)) + "…"
    }

    /// Most messages are already one short line: no tab or newline, no space at either end or
    /// twice in a row, and no more bytes (so no more characters) than the limit.
    private static func isOneShortLine(_ text: String, limit: Int) -> Bool {
        ByteLine.withBytes(of: text) { bytes in
            guard bytes.count <= limit else { return false }
            guard bytes.count > 0 else { return true }
            if bytes[0] == 0x20 || bytes[bytes.count - 1] == 0x20 { return false }
            var previous: UInt8 = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                if byte == 0x0A || byte == 0x09 || (byte == 0x20 && previous == 0x20) { return false }
                previous = byte
            }
            return true
        }
    }
}
