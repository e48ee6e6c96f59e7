/// The state machine over the text `go test` prints: test framing lines, messages, package
/// results, race reports, panics, build errors and Ginkgo output. Text logs feed it raw lines;
/// test2json logs feed it each package's `Output` lines, with results from the events instead.
struct GoTestStream {
    /// Known up front for test2json (the `Package` field); learnt from `ok`/`FAIL` lines in text.
    let knownPackage: String?
    /// Text logs carry results as `--- FAIL:` and `ok` lines; test2json logs as events.
    let resultsFromLines: Bool
    let runID: Int
    let interner: ByteInterner?

    /// The test that output currently belongs to (`=== RUN`, `=== CONT`, `=== NAME`, a result header).
    var currentName: InternedName?
    var currentTest: String? {
        get { currentName?.string }
        set { currentName = newValue.map { InternedName($0) } }
    }
    /// `knownPackage`, or empty, as results hold it.
    private let packageName: InternedName
    private let layoutKnown = StringLayout.isKnown

    private var segment = SegmentStart()
    /// This stream added results since its segment began (test2json logs share one `ParsedLog`
    /// between a stream per package and one for stray text lines).
    private var appendedSinceSegment = false
    private var race: RaceReportParser? {
        didSet { readingRace = race != nil }
    }
    /// `race != nil`, asked on every line: the optional's test was an outlined call.
    private var readingRace = false
    /// The bytes of the report being read, while its lines are the file's own, one after another.
    private var recording: RaceBlockRecording?
    /// The run of framing lines being read, to be remembered (`TestFramingMemo`).
    private var framingRecording = TestFramingRecording()
    private var previousLineWasSeparator = false
    private var pendingRaces: [Int] = []
    private var lastAttributedRaces: [Int] = []
    /// The last `detectedIn` of one test that a race took.
    private var lastDetectedIn: [String] = []
    private var panics: PanicParser
    private var build: (package: String, messages: [String], line: Int)?
    /// Messages of tests not finished yet.
    private var pending = PendingMessages()
    /// Whether a test that did not fail keeps its messages (the JSON report's run contents show
    /// them; nothing else reads them).
    let keepPassingMessages: Bool
    private var raceDetected: Set<HashedString> = []
    private var lastMessageIndent: Int?
    private var lastMessageTest: InternedName?
    /// The latest result line: without -v, a test's messages follow it directly.
    /// (Its index only: its name is the result's, and holding a copy cost a retain per result.)
    private var lastResult: Int?
    private var binaryFailed = false
    private var sawPanic = false
    private var ginkgo = GinkgoOutputParser()

    private struct SegmentStart {
        var tests = 0, races = 0, panics = 0, specs = 0
    }

    init(knownPackage: String?, resultsFromLines: Bool, runID: Int, interner: ByteInterner? = nil) {
        self.init(
            knownPackageName: knownPackage.map { InternedName($0) }, resultsFromLines: resultsFromLines, runID: runID,
            interner: interner)
    }

    init(
        knownPackageName: InternedName?, resultsFromLines: Bool, runID: Int, interner: ByteInterner? = nil,
        keepPassingMessages: Bool = true
    ) {
        self.interner = interner
        self.keepPassingMessages = keepPassingMessages
        panics = PanicParser(interner: interner)
        knownPackage = knownPackageName?.string
        packageName = knownPackageName ?? .empty
        self.resultsFromLines = resultsFromLines
        self.runID = runID
    }

    private var package: String { knownPackage ?? "" }

    private func internedName(_ bytes: ByteLine) -> InternedName { InternedName(bytes, interner: interner) }

    // MARK: - Lines

    mutating func feed(_ line: ByteLine, lineNumber: Int, into log: inout ParsedLog) {
        _ = feed(line, following: nil, lineNumber: lineNumber, into: &log)
    }

    /// For a test2json framing line of the current test (`=== RUN`, `=== CONT` or `--- PASS:`
    /// with its name): does what `feed` would, unless a race report or panic is being read
    /// (which the line may end), and returns whether it did.
    mutating func stepOverFramingOfCurrentTest() -> Bool {
        guard !resultsFromLines, !readingRace, !panics.isActive, currentName != nil else { return false }
        previousLineWasSeparator = false
        lastMessageIndent = nil
        return true
    }

    /// `following`: the bytes after the line's newline, when the line is as the file has it and
    /// the rest of the file is in memory. A race report found in the worker's `RaceBlockMemo`
    /// there is taken whole, and its lines are returned to be stepped over.
    mutating func feed(_ line: ByteLine, following: ByteLine?, lineNumber: Int, into log: inout ParsedLog) -> SkippedLines {
        var endsOnSeparator = Self.isRaceSeparator(line)
        defer { previousLineWasSeparator = endsOnSeparator }

        if readingRace {
            recording?.take(line)
            if endsOnSeparator {
                finishRace(truncated: false, into: &log)
                return .none
            }
            // Trimmed once here for the report parser: most lines of a log with races are frames.
            let text = line.trimmed()
            if text.equals("WARNING: DATA RACE") {
                finishRace(truncated: true, into: &log)
                startRace(startLine: lineNumber, warningLine: lineNumber, following: following)
                return .none
            }
            if race!.feed(line, trimmed: text, lineNumber: lineNumber) { return .none }
            // Interleaved output from another goroutine: handle it as a normal line below.
            recording = nil
        }
        if endsOnSeparator { return .none }
        if panics.isActive {
            if panics.feed(line) { return .none }
            appendPanics(into: &log)
        }

        let text = line.trimmed()
        guard !text.isEmpty else { return .none }
        let indent = line.indentation

        if indent == 0 {
            // The first byte tells which of these a line can be: most are framing and results,
            // which went through every prefix here before reaching theirs.
            switch text[0] {
            case 0x57:  // W
                guard text.equals("WARNING: DATA RACE") else { break }
                let start = previousLineWasSeparator ? lineNumber - 1 : lineNumber
                if let following, let memo = interner?.races,
                    let hit = memo.report(following: following, runID: runID, startLine: start, warningLine: lineNumber)
                {
                    lastAttributedRaces.removeAll(keepingCapacity: true)
                    append(race: hit.report, into: &log)
                    // The report's last line is its closing separator.
                    endsOnSeparator = true
                    return SkippedLines(bytes: hit.bytes, lines: hit.lines)
                }
                startRace(startLine: start, warningLine: lineNumber, following: following)
                return .none
            case 0x3D:  // =
                guard text.hasPrefix("=== ") else { break }
                return framingLine(line, text, isResult: false, following: following, lineNumber: lineNumber, into: &log)
            case 0x70:  // p
                guard text.hasPrefix("panic: ") else { break }
                panics.start(text, lineNumber: lineNumber, package: package, currentTest: currentTest)
                sawPanic = true
                return .none
            case 0x74:  // t
                guard text.hasPrefix("testing: race detected outside of test execution") else { break }
                for index in pendingRaces { log.races[index].outsideTests = true }
                pendingRaces.removeAll(keepingCapacity: true)
                return .none
            case 0x6F, 0x46, 0x3F:  // o, F, ?
                if packageLine(text, lineNumber: lineNumber, into: &log) { return .none }
                guard text.equals("FAIL") else { break }
                binaryFailed = true
                return .none
            case 0x23:  // #
                guard text.hasPrefix("# ") else { break }
                build = (Self.firstWord(text.dropFirst(2)), [], lineNumber)
                return .none
            default:
                break
            }
            if var block = build, !text.hasPrefix("--- "), !text.hasPrefix("ok "), Self.looksLikeCompilerError(text) {
                if block.messages.count < 20 { block.messages.append(text.string) }
                build = block
                return .none
            }
        }
        if text.hasPrefix("--- ") {
            return framingLine(line, text, isResult: true, following: following, lineNumber: lineNumber, into: &log)
        }
        if ginkgoLine(text, lineNumber: lineNumber, into: &log) { return .none }
        if indent > 0 { message(text, indent: indent, into: &log) }
        return .none
    }

    /// The end of the log (or of a test2json package): close what is open, name the package.
    mutating func finish(lastLine: Int, into log: inout ParsedLog) {
        endFramingRun()
        if readingRace { finishRace(truncated: true, into: &log) }
        panics.close()
        appendPanics(into: &log)
        if knownPackage == nil {
            if appendedSinceSegment {
                // No `ok`/`FAIL pkg` line (a test binary run directly): name the package from
                // the stacks it printed, else leave it unknown.
                let name = inferredPackage(in: log) ?? ""
                // A race report fails the binary (exit status 66) even when the log stops before saying so.
                let failed =
                    binaryFailed || sawPanic || segment.races < log.races.count
                    || log.tests[segment.tests...].contains { $0.outcome == .failed }
                closeSegment(package: InternedName(name), outcome: failed ? .failed : .passed, line: lastLine, into: &log)
            }
        }
    }

    // MARK: - Framing and results

    /// What a `=== …` line does (`apply` does it). Mutating though it changes nothing: called
    /// as a plain method, the stream (a large value) was copied for every framing line.
    private mutating func framingEffect(_ text: ByteLine) -> TestFramingMemo.Effect {
        // `=== CONT` with no name (Go 1.19, after the last test) hands output back to the root.
        if text.equals("=== CONT") || text.equals("=== NAME") { return .current(nil) }
        for prefix: StaticString in ["=== RUN ", "=== CONT ", "=== NAME "] where text.hasPrefix(prefix) {
            let name = text.dropFirst(prefix.utf8CodeUnitCount).trimmed()
            // Under test2json the event has set the test this line names again: a compare, no lookup.
            if !resultsFromLines, let currentName, name.equals(currentName, layoutKnown: layoutKnown) {
                return .current(currentName)
            }
            return .current(name.isEmpty ? nil : internedName(name))
        }
        return .none
    }

    /// What a `--- …` line does (`apply` does it). Mutating for the reason `framingEffect` is.
    private mutating func resultEffect(_ text: ByteLine) -> TestFramingMemo.Effect {
        let outcome: TestOutcome
        if text.hasPrefix("--- PASS: ") {
            outcome = .passed
        } else if text.hasPrefix("--- FAIL: ") {
            outcome = .failed
        } else if text.hasPrefix("--- SKIP: ") {
            outcome = .skipped
        } else {
            return .none
        }
        var name = text.dropFirst(10)
        // `Name (0.00s)`: the duration is at the end, so the search starts there.
        if let open = name.lastIndex(of: 0x28), open > 0, name[open - 1] == 0x20 {
            name = name.prefix(open - 1)
        } else if let paren = name.lastRange(of: " (") {
            name = name.prefix(paren)
        }
        name = name.trimmed()
        // The line most often names the current test (its `=== RUN` came before, or under
        // test2json the event set it): a compare, no lookup.
        if let currentName, name.equals(currentName, layoutKnown: layoutKnown) { return .result(outcome, currentName) }
        return .result(outcome, internedName(name))
    }

    /// Does what a framing or result line does, for this line and for the copies of remembered
    /// ones alike (results come from the lines only in text logs; test2json's are events).
    private mutating func apply(_ effect: TestFramingMemo.Effect, lineNumber: Int, into log: inout ParsedLog) {
        switch effect {
        case .none:
            break
        case .current(let name):
            currentName = name
            lastMessageIndent = nil
        case .result(let outcome, let test):
            // Without -v, a test's messages follow its result line.
            currentName = test
            lastMessageIndent = nil
            if resultsFromLines { recordResult(test: test, outcome: outcome, line: lineNumber, into: &log) }
        }
    }

    // MARK: - Runs of framing lines

    /// A framing (`=== …`) or result (`--- …`) line. With the worker's memo, a run it begins
    /// that the memo has is stepped over; else the line is read, and kept in the run being
    /// recorded. A run ends at the first line that is not the file's next (another kind of line
    /// came between) or when something opens that framing lines depend on.
    private mutating func framingLine(
        _ line: ByteLine, _ text: ByteLine, isResult: Bool, following: ByteLine?, lineNumber: Int, into log: inout ParsedLog
    ) -> SkippedLines {
        if resultsFromLines, let memo = interner?.framing {
            let open = isOpenToFraming(log)
            if framingRecording.isActive, !open || !framingRecording.continues(with: line) { endFramingRun() }
            if open, !framingRecording.isActive, let following {
                if let hit = memo.run(startingWith: line, following: following) {
                    for index in 0..<hit.lines { apply(hit.run.effects[index], lineNumber: lineNumber + index, into: &log) }
                    return SkippedLines(bytes: hit.bytesAfterFirst, lines: hit.lines - 1)
                }
                framingRecording.begin(following: following)
            }
        }
        let effect = isResult ? resultEffect(text) : framingEffect(text)
        apply(effect, lineNumber: lineNumber, into: &log)
        if framingRecording.isActive, !framingRecording.take(line, effect: effect) { endFramingRun() }
        return .none
    }

    /// Nothing is open that a framing line would go to or take from: no report or panic being
    /// read, no message waiting for a result, no race for a test, no Ginkgo spec for a suite.
    /// A framing line's effect then depends on its bytes alone (see `TestFramingMemo`).
    private func isOpenToFraming(_ log: ParsedLog) -> Bool {
        !readingRace && !panics.isActive && pending.isEmpty && raceDetected.isEmpty && segment.specs == log.specFailures.count
    }

    /// The run being recorded ends; the memo keeps it (if it is long enough).
    private mutating func endFramingRun() {
        guard framingRecording.isActive else { return }
        framingRecording.stop()
        interner?.framing.remember(framingRecording)
    }

    mutating func recordResult(test: String, outcome: TestOutcome, line: Int, into log: inout ParsedLog) {
        recordResult(test: InternedName(test), outcome: outcome, line: line, into: &log)
    }

    mutating func recordResult(test: InternedName, outcome: TestOutcome, line: Int, into log: inout ParsedLog) {
        // Most tests print nothing: skip the lookups then.
        let collected = pending.isEmpty ? [] : pending.take(test, keep: keepPassingMessages || outcome == .failed)
        let detected = raceDetected.isEmpty ? false : raceDetected.remove(HashedString(test.string)) != nil
        lastResult = log.tests.count
        appendedSinceSegment = true
        // Without -v there is no `=== RUN` before `Running Suite:`; the suite's Go test is the one
        // that fails after its specs did.
        if outcome == .failed {
            for i in segment.specs..<log.specFailures.count where log.specFailures[i].suiteTest == nil {
                log.specFailures[i].suiteTest = test.string
            }
        }
        log.tests.append(
            TestResult(
                packageName: packageName, testName: test, outcome: outcome, line: line, messages: collected,
                raceDetected: detected))
    }

    /// `ok  \tpkg\t0.1s`, `FAIL\tpkg\t0.1s`, `FAIL\tpkg [build failed]`, `?   \tpkg\t[no test files]`.
    private mutating func packageLine(_ text: ByteLine, lineNumber: Int, into log: inout ParsedLog) -> Bool {
        let outcome: PackageOutcome
        let rest: ByteLine
        if text.hasPrefix("ok "), text.count > 3 || text.hasPrefix("ok\t") {
            outcome = .passed
            rest = text.dropFirst(2)
        } else if text.hasPrefix("ok\t") {
            outcome = .passed
            rest = text.dropFirst(2)
        } else if text.hasPrefix("FAIL\t") || text.hasPrefix("FAIL ") {
            outcome = text.contains("[build failed]") || text.contains("[setup failed]") ? .buildFailed : .failed
            rest = text.dropFirst(4)
        } else if text.hasPrefix("?   ") || text.hasPrefix("?\t") {
            outcome = .noTestFiles
            rest = text.dropFirst(1)
        } else {
            return false
        }
        let trimmedRest = rest.trimmed()
        let end = (0..<trimmedRest.count).first { trimmedRest[$0] == 0x20 || trimmedRest[$0] == 0x09 } ?? trimmedRest.count
        let name = trimmedRest.prefix(end)
        // `ok` inside ordinary output ("ok so far") is not a package line: a package has no spaces
        // and the line goes on with a duration, (cached), or a bracketed note.
        guard !name.isEmpty, end < trimmedRest.count || outcome == .failed || outcome == .buildFailed else { return false }
        let after = trimmedRest.dropFirst(end).trimmed()
        guard outcome == .failed || outcome == .buildFailed || after.isEmpty == false else { return false }
        if outcome == .passed || outcome == .failed,
            !(after.isEmpty || after[0].isASCIIDigit || after[0] == 0x28 || after[0] == 0x5B)
        {
            return false
        }
        let packageName = internedName(name)
        if outcome == .buildFailed {
            let package = packageName.string
            let messages = build.map { $0.package == package || $0.package.isEmpty ? $0.messages : [] } ?? []
            log.buildFailures.append(BuildFailure(package: package, messages: messages, line: build?.line ?? lineNumber))
            build = nil
        }
        guard resultsFromLines else { return true }
        closeSegment(package: packageName, outcome: outcome, line: lineNumber, into: &log)
        return true
    }

    private mutating func closeSegment(package packageName: InternedName, outcome: PackageOutcome, line: Int, into log: inout ParsedLog) {
        // In place: through the array's subscript each test's package was copied out to be tested.
        log.tests.withUnsafeMutableBufferPointer { tests in
            for i in segment.tests..<tests.count where tests[i].packageName.isEmpty { tests[i].packageName = packageName }
        }
        let name = packageName.string
        for i in segment.races..<log.races.count where log.races[i].package.isEmpty { log.races[i].package = name }
        for i in segment.panics..<log.panics.count where log.panics[i].package.isEmpty { log.panics[i].package = name }
        for i in segment.specs..<log.specFailures.count where log.specFailures[i].package.isEmpty {
            log.specFailures[i].package = name
        }
        log.packages.append(PackageResult(name: name, outcome: outcome, line: line))
        segment = SegmentStart(
            tests: log.tests.count, races: log.races.count, panics: log.panics.count, specs: log.specFailures.count)
        binaryFailed = false
        sawPanic = false
        appendedSinceSegment = false
        currentName = nil
        // Emptied in place, not replaced: each of a lane's hundreds of packages made and freed
        // new tables and arrays here (and the ones that are empty need nothing done).
        if !pending.isEmpty { pending.removeAll() }
        if !raceDetected.isEmpty { raceDetected.removeAll(keepingCapacity: true) }
        pendingRaces.removeAll(keepingCapacity: true)
        lastAttributedRaces.removeAll(keepingCapacity: true)
        ginkgo = GinkgoOutputParser()
    }

    private func inferredPackage(in log: ParsedLog) -> String? {
        var frames: [Frame] = []
        for race in log.races[segment.races...] {
            frames += race.report.accesses.flatMap(\.frames) + race.report.creations.flatMap(\.frames)
        }
        for panic in log.panics[segment.panics...] { frames += panic.frames }
        for frame in frames {
            if let (package, _) = TestNames.split(function: frame.function) { return package }
        }
        return nil
    }

    // MARK: - Messages

    /// `    file_test.go:12: message`, and the more-indented lines that continue it (`text`: trimmed).
    private mutating func message(_ text: ByteLine, indent: Int, into log: inout ParsedLog) {
        if Self.isMessageStart(text) {
            let test = currentName ?? .empty
            // Found by its `x`: most message lines have none.
            if text.contains("race detected during execution of test", anchor: 22) {
                raceDetectedLine(test: test, into: &log)
                lastMessageIndent = nil
                return
            }
            append(message: text, test: test, into: &log)
            lastMessageIndent = indent
            lastMessageTest = test
            return
        }
        if let base = lastMessageIndent, indent > base, let test = lastMessageTest {
            appendContinuation(text, test: test, into: &log)
        }
    }

    private mutating func append(message: ByteLine, test: InternedName, into log: inout ParsedLog) {
        let waiting = pending.isEmpty ? 0 : pending.count(of: test)
        // A result already printed (no -v): the message belongs to it.
        if let index = resultIndex(test, in: log), resultsFromLines, waiting == 0, log.tests[index].outcome == .failed {
            if log.tests[index].messages.count < 20 { log.tests[index].messages.append(message.string) }
            return
        }
        if waiting < 20 { pending.append(message, test: test) }
    }

    private mutating func appendContinuation(_ text: ByteLine, test: InternedName, into log: inout ParsedLog) {
        if pending.continueLast(of: test, with: text) { return }
        if let index = resultIndex(test, in: log), !log.tests[index].messages.isEmpty {
            let last = log.tests[index].messages.count - 1
            if log.tests[index].messages[last].count < 2000 { log.tests[index].messages[last] += "\n" + text.string }
        }
    }

    private func resultIndex(_ test: InternedName, in log: borrowing ParsedLog) -> Int? {
        guard let last = lastResult, last < log.tests.count, log.tests[last].testName == test else { return nil }
        return last
    }

    private mutating func raceDetectedLine(test name: InternedName, into log: inout ParsedLog) {
        let test = name.string
        // The root test repeats the line for races its tests already reported: it names no test.
        guard !test.isEmpty else {
            pendingRaces.removeAll(keepingCapacity: true)
            return
        }
        if resultsFromLines, let index = resultIndex(name, in: log), pending.count(of: name) == 0 {
            log.tests[index].raceDetected = true
        } else {
            raceDetected.insert(HashedString(test))
        }
        if !pendingRaces.isEmpty {
            // Swapped, not assigned: both keep their room (a lane's log has thousands of races).
            swap(&lastAttributedRaces, &pendingRaces)
            pendingRaces.removeAll(keepingCapacity: true)
        }
        // Tests running in parallel can each report the same race.
        for index in lastAttributedRaces where !log.races[index].detectedIn.contains(test) {
            if log.races[index].detectedIn.isEmpty {
                // Races detected in the same test one after another share one array.
                if lastDetectedIn.count != 1 || lastDetectedIn[0] != test { lastDetectedIn = [test] }
                log.races[index].detectedIn = lastDetectedIn
            } else {
                log.races[index].detectedIn.append(test)
            }
        }
    }

    static func isMessageStart(_ text: ByteLine) -> Bool {
        // `name.go:123: ` with no spaces before it.
        guard let colon = text.range(of: ".go:"), text.prefix(colon).firstIndex(of: 0x20) == nil,
            let (_, end) = text.integer(at: colon + 4), end < text.count, text[end] == 0x3A
        else { return false }
        return true
    }

    /// The first word of `text` (between spaces), found on its bytes: splitting the line as a
    /// `String` took a third of the time of a log of build failures.
    private static func firstWord(_ text: ByteLine) -> String {
        var start = 0
        while start < text.count, text[start] == 0x20 { start += 1 }
        let word = text.dropFirst(start)
        return word.prefix(word.firstIndex(of: 0x20) ?? word.count).string
    }

    static func looksLikeCompilerError(_ text: ByteLine) -> Bool {
        // `./x.go:3:2: undefined: foo`, `pkg/x.go:3:2: …`, or a note under one.
        guard let colon = text.range(of: ".go:") else { return text.hasPrefix("note:") }
        return text.prefix(colon).firstIndex(of: 0x20) == nil
    }

    // MARK: - Races

    static func isRaceSeparator(_ line: ByteLine) -> Bool {
        // Ginkgo's progress dots are printed without a newline, so the separator can end a line.
        var end = line.count
        // Every line comes here: most end in a byte that is neither `=` nor a blank.
        guard end >= 18, line[end - 1] == 0x3D || line[end - 1] == 0x20 || line[end - 1] == 0x09 else { return false }
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        guard end >= 18 else { return false }
        for i in (end - 18)..<end where line[i] != 0x3D { return false }
        // Exactly 18: a longer run of '=' is a banner, not the detector's separator.
        if end > 18, line[end - 19] == 0x3D { return false }
        return true
    }

    /// `following`: as in `feed`; with it, the report's bytes are kept track of, to be remembered.
    /// `startLine`: the separator before the `WARNING` line, when there is one.
    private mutating func startRace(startLine: Int, warningLine: Int, following: ByteLine?) {
        race = RaceReportParser(runID: runID, startLine: startLine, interner: interner)
        lastAttributedRaces.removeAll(keepingCapacity: true)
        if let following, interner != nil { recording = RaceBlockRecording(following: following, warningLine: warningLine) }
    }

    private mutating func finishRace(truncated: Bool, into log: inout ParsedLog) {
        guard var parser = race else { return }
        race = nil
        let report = parser.finish(truncated: truncated)
        if !truncated, let recording, let block = recording.block, let memo = interner?.races {
            memo.remember(
                block: block, lineCount: recording.lines, endLineAfterWarning: report.endLine - recording.warningLine,
                report: report)
        }
        recording = nil
        append(race: .read(report), into: &log)
    }

    private mutating func append(race report: ParsedRaceReport, into log: inout ParsedLog) {
        pendingRaces.append(log.races.count)
        appendedSinceSegment = true
        log.races.append(ParsedRace(package: package, report: report, detectedIn: [], outsideTests: false))
    }

    // MARK: - Panics and Ginkgo

    private mutating func appendPanics(into log: inout ParsedLog) {
        for event in panics.drain() {
            log.panics.append(event)
            appendedSinceSegment = true
        }
    }

    private mutating func ginkgoLine(_ text: ByteLine, lineNumber: Int, into log: inout ParsedLog) -> Bool {
        switch ginkgo.feed(text, lineNumber: lineNumber, currentTest: currentTest) {
        case .notConsumed:
            return false
        case .consumed:
            log.format = .ginkgo
            return true
        case .specFailed(var failure):
            failure.package = package
            log.specFailures.append(failure)
            appendedSinceSegment = true
            return true
        }
    }
}
