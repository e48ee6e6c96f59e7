/// Turns the bytes of one log file into a `ParsedLog`: sniffs the format, splits lines, and
/// drives one `GoTestStream` (text) or one per package (test2json).
struct LogParser {
    let runID: Int
    var interner: ByteInterner? = nil
    /// The file's size, when known: room for its test results is made from it at once (grown
    /// from empty, a lane log's results were copied a dozen times).
    var fileSize = 0
    /// Whether tests that did not fail keep their messages (see `GoTestStream`).
    var keepPassingMessages = true

    func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedLog {
        guard bytes.count > 0 else { return ParsedLog() }
        var lines = BufferLines(bytes)
        return parse(&lines)
    }

    func parse(_ lines: inout some LineSource) -> ParsedLog {
        var log = ParsedLog()
        if Self.looksLikeTest2JSON(lines.head) {
            parseTest2JSON(&lines, into: &log)
        } else {
            parseText(&lines, into: &log)
        }
        return log
    }

    static func looksLikeTest2JSON(_ head: ByteLine) -> Bool {
        let text = head.trimmed()
        guard text.count > 0, text[0] == 0x7B else { return false }
        let firstLine = text.prefix(text.firstIndex(of: 0x0A) ?? text.count)
        return firstLine.contains("\"Action\"")
    }

    /// A test takes at least this many bytes of `go test -v` text (`=== RUN` and `--- PASS`) or of
    /// test2json events (`run`, `output` twice, `pass`); at most 16,384 are made room for.
    private func reserveTests(in log: inout ParsedLog, bytesPerTest: Int) {
        if fileSize > 0 { log.tests.reserveCapacity(min(fileSize / bytesPerTest, 1 << 14)) }
    }

    private func parseText(_ lines: inout some LineSource, into log: inout ParsedLog) {
        reserveTests(in: &log, bytesPerTest: 64)
        var stream = GoTestStream(
            knownPackageName: nil, resultsFromLines: true, runID: runID, interner: interner, keepPassingMessages: keepPassingMessages)
        var normalizer = LineNormalizer()
        var sniffer = ContentSniffer()
        var lineNumber = 0
        var sawTestFraming = false
        // A line the scanner found plain has no colour sequence's ESC. (A search of the whole
        // file for one, before its lines, brought the file in from memory with nothing to
        // overlap the wait.)
        lines.forEachLine(checkingPlain: { raw, following, plain in
            lineNumber += 1
            normalizer.escapesPossible = plain != true
            let skipped = normalizer.normalize(raw) { line in
                sniffer.inspect(line, into: &log)
                if !sawTestFraming, line.hasPrefix("=== RUN") || line.hasPrefix("--- ") || line.hasPrefix("ok ") {
                    sawTestFraming = true
                }
                // Lines stepped over are a race report's: none of them is framing or names an arch.
                let asInFile = line.base == raw.base && line.count == raw.count
                return stream.feed(line, following: asInFile ? following : nil, lineNumber: lineNumber, into: &log)
            }
            lineNumber += skipped.lines
            return skipped
        })
        stream.finish(lastLine: lineNumber, into: &log)
        if log.format != .ginkgo { log.format = sawTestFraming || !log.packages.isEmpty ? .goTestText : .plainText }
    }

    private func parseTest2JSON(_ lines: inout some LineSource, into log: inout ParsedLog) {
        reserveTests(in: &log, bytesPerTest: 512)
        // One stream per package, mutated in place (a stream is a large value: no copies per event),
        // with the start of an output line that an event left unfinished, and the line where it
        // began (0 while there is none).
        var streams: [GoTestStream] = []
        var streamIndex: [InternedName: Int] = [:]
        var partial: [ByteBuffer] = []
        var partialLine: [Int] = []
        var lastStream: (package: InternedName, index: Int)?
        // Lines that are not JSON (stderr mixed in, a build error) go through a text stream.
        var stray = GoTestStream(
            knownPackageName: nil, resultsFromLines: true, runID: runID, interner: interner, keepPassingMessages: keepPassingMessages)
        var scanner = JSONEventScanner()
        scanner.interner = interner
        var normalizer = LineNormalizer()
        var sniffer = ContentSniffer()
        var lineNumber = 0
        var badLines = 0
        var buildOutput: [String: [String]] = [:]
        var sawGinkgo = false

        func stream(for package: InternedName) -> Int {
            // Events of one package come in runs: a string compare instead of a hash.
            if let last = lastStream, last.package == package { return last.index }
            let index: Int
            if let known = streamIndex[package] {
                index = known
            } else {
                streams.append(
                    GoTestStream(
                        knownPackageName: package, resultsFromLines: false, runID: runID, interner: interner,
                        keepPassingMessages: keepPassingMessages))
                partial.append(ByteBuffer(capacity: 64))
                partialLine.append(0)
                index = streams.count - 1
                streamIndex[package] = index
            }
            lastStream = (package, index)
            return index
        }

        // Build events name their package by import path (they are few).
        func importPathName() -> InternedName {
            ByteLine.withBytes(of: scanner.event.importPath) { InternedName($0, interner: interner) }
        }

        // The stream of the last event that had one: the next event of the same package (the
        // scanner says so without a string compare) goes to it directly.
        var streamOfLastEvent: Int?
        lines.forEachLine { raw in
            lineNumber += 1
            guard scanner.scan(raw) else {
                if raw.trimmed().isEmpty { return }
                if raw.trimmed()[0] == 0x7B { badLines += 1 }
                normalizer.normalize(raw) { line in
                    sniffer.inspect(line, into: &log)
                    stray.feed(line, lineNumber: lineNumber, into: &log)
                }
                return
            }
            if !scanner.packageRepeated || scanner.event.package.isEmpty { streamOfLastEvent = nil }
            func eventStream() -> Int {
                if let known = streamOfLastEvent { return known }
                let index = stream(for: scanner.event.package.isEmpty ? importPathName() : scanner.event.package)
                streamOfLastEvent = index
                return index
            }
            switch scanner.event.action {
            case .output:
                guard scanner.event.hasOutput else { return }
                let current = eventStream()
                streams[current].currentName = scanner.event.test.isEmpty ? nil : scanner.event.test
                // Told by its line number, so that most events never touch the buffer.
                let hasPending = partialLine[current] != 0
                if scanner.event.outputFramesTest {
                    // Of its own test, complete, outside a report: no need to decode or read it.
                    if !hasPending, streams[current].stepOverFramingOfCurrentTest() { return }
                    scanner.decodeOutput(of: raw)
                }
                let pending = partial[current]
                let output = scanner.output.bytes
                var from = 0
                var lineStart = hasPending ? partialLine[current] : lineNumber
                while from < output.count {
                    let rest = output.dropFirst(from)
                    guard let newline = rest.firstIndex(of: 0x0A) else {
                        pending.append(rest.base, count: rest.count)
                        partialLine[current] = lineStart
                        break
                    }
                    let piece = rest.prefix(newline)
                    func feedLine(_ line: ByteLine) {
                        normalizer.normalize(line) { clean in
                            sniffer.inspect(clean, into: &log)
                            if clean.hasPrefix("Running Suite:") { sawGinkgo = true }
                            streams[current].feed(clean, lineNumber: lineStart, into: &log)
                        }
                    }
                    if pending.isEmpty {
                        feedLine(piece)
                    } else {
                        pending.append(piece.base, count: piece.count)
                        feedLine(pending.bytes)
                        pending.removeAll()
                        partialLine[current] = 0
                    }
                    from += newline + 1
                    lineStart = lineNumber
                }
            case .pass, .fail, .skip:
                let current = eventStream()
                if scanner.event.test.isEmpty {
                    let package = scanner.event.package.isEmpty ? scanner.event.importPath : scanner.event.package.string
                    let outcome: PackageOutcome
                    switch scanner.event.action {
                    case .pass: outcome = .passed
                    case .skip: outcome = .noTestFiles
                    default: outcome = scanner.event.failedBuild.isEmpty ? .failed : .buildFailed
                    }
                    log.packages.append(PackageResult(name: package, outcome: outcome, line: lineNumber))
                } else {
                    let outcome: TestOutcome = scanner.event.action == .pass ? .passed : scanner.event.action == .fail ? .failed : .skipped
                    streams[current].recordResult(test: scanner.event.test, outcome: outcome, line: lineNumber, into: &log)
                }
            case .start, .run, .pause, .cont:
                _ = eventStream()
            case .buildOutput:
                if scanner.event.hasOutput {
                    let text = scanner.output.bytes.string.trimmingTrailingNewlines
                    if !text.hasPrefix("# ") { buildOutput[scanner.event.importPath, default: []].append(text) }
                }
            case .buildFail:
                log.buildFailures.append(
                    BuildFailure(package: scanner.event.importPath, messages: buildOutput[scanner.event.importPath] ?? [], line: lineNumber))
            case .bench, .other, .missing:
                break
            }
        }
        // A lane's log holds hundreds of packages: finished ones are looked up in a set.
        let finished = Set(log.packages.map(\.name))
        for (packageName, index) in streamIndex.sorted(by: { $0.key.string < $1.key.string }) {
            streams[index].finish(lastLine: lineNumber, into: &log)
            // A package that printed events but no final action still ran, and did not finish:
            // it counts as failed (a crash or a log cut off), and the problem says so.
            let package = packageName.string
            if !finished.contains(package) {
                log.packages.append(PackageResult(name: package, outcome: .failed, line: lineNumber))
                log.warnings.append("package \(package) has no final pass/fail event (log cut off?)")
            }
        }
        stray.finish(lastLine: lineNumber, into: &log)
        if badLines > 0 { log.warnings.append("\(badLines) line(s) look like JSON but could not be read") }
        log.format = sawGinkgo || log.format == .ginkgo ? .ginkgo : .goTestJSON
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
