#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// Reads JUnit XML (`go-junit-report`, Bazel's `test.xml`) with Foundation's XML parser: one
/// package per `<testsuite>`, one test per `<testcase>` (failed on `<failure>` or `<error>`,
/// skipped on `<skipped>`). The text inside `<failure>`, `<error>`, `<system-out>` and
/// `<system-err>` is fed line by line through the same `GoTestStream` as a log, so race
/// reports and panics in it are found exactly as in text output.
struct JUnitReader {
    let runID: Int
    var interner: ByteInterner? = nil

    /// True when `head` (the first bytes of a `.xml` file) opens a JUnit document.
    static func looksLikeJUnit(_ head: ByteLine) -> Bool {
        head.contains("<testsuite")
    }

    func read(_ document: Data) -> ParsedLog {
        // Foundation's XML parser traps on an element or attribute name that is not UTF-8 (found
        // by fuzzing): such bytes are replaced with U+FFFD before it sees them.
        let valid = document.withUnsafeBytes { raw in
            raw.count == 0 || TextQuality.isValidUTF8(ByteLine(base: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: raw.count))
        }
        let data = valid ? document : Data(String(decoding: document, as: UTF8.self).utf8)
        let parser = XMLParser(data: data)
        let delegate = Delegate(runID: runID, interner: interner)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        // Foundation may accept a document that stops inside an element: open elements tell.
        let complete = parser.parse() && delegate.depth == 0
        var log = delegate.finish(lastLine: parser.lineNumber)
        if !complete {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the document ends inside an element"
            log.warnings.append(
                "JUnit XML is malformed at line \(parser.lineNumber) (\(reason)): kept the \(log.tests.count) test case(s) read before it")
        }
        if !valid { log.warnings.append("invalid UTF-8 in the XML: replaced with U+FFFD before parsing") }
        log.format = .junit
        return log
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let runID: Int
        let interner: ByteInterner?
        var log = ParsedLog()
        var stream: GoTestStream?
        var suite = ""
        var suiteFailed = false
        var suiteLine = 0
        var suiteCases = 0
        /// The open `<testcase>`: name, package, line, outcome so far.
        var testCase: (name: String, package: String, line: Int, outcome: TestOutcome)?
        /// Text of the open `<failure>`, `<error>`, `<system-out>` or `<system-err>`, and its first line.
        var text: [UInt8]?
        var textLine = 0
        var depth = 0

        init(runID: Int, interner: ByteInterner?) {
            self.runID = runID
            self.interner = interner
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            depth += 1
            switch name {
            case "testsuite":
                closeSuite(line: parser.lineNumber)
                suite = attributes["name"] ?? ""
                suiteLine = parser.lineNumber
                suiteFailed = (Int(attributes["failures"] ?? "") ?? 0) > 0 || (Int(attributes["errors"] ?? "") ?? 0) > 0
                suiteCases = 0
                stream = GoTestStream(knownPackage: suite, resultsFromLines: false, runID: runID, interner: interner)
            case "testcase":
                if stream == nil {
                    stream = GoTestStream(knownPackage: suite, resultsFromLines: false, runID: runID, interner: interner)
                }
                let package = suite.isEmpty ? (attributes["classname"] ?? "") : suite
                testCase = (attributes["name"] ?? "", package, parser.lineNumber, .passed)
                stream?.currentTest = testCase?.name
                suiteCases += 1
            case "failure", "error":
                testCase?.outcome = .failed
                if testCase != nil { suiteFailed = true }
                startText(parser, message: attributes["message"])
            case "skipped":
                if testCase?.outcome == .passed { testCase?.outcome = .skipped }
            case "system-out", "system-err":
                startText(parser, message: nil)
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            switch name {
            case "failure", "error", "system-out", "system-err":
                flushText()
            case "testcase":
                if let testCase, stream != nil {
                    stream!.recordResult(test: testCase.name, outcome: testCase.outcome, line: testCase.line, into: &log)
                }
                testCase = nil
                stream?.currentTest = nil
            case "testsuite":
                closeSuite(line: parser.lineNumber)
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text?.append(contentsOf: string.utf8)
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            text?.append(contentsOf: block)
        }

        private func startText(_ parser: XMLParser, message: String?) {
            flushText()
            text = []
            textLine = parser.lineNumber
            // A failure with only a message attribute: the message is its text.
            if let message, !message.isEmpty { pendingMessage = message }
        }

        private var pendingMessage: String?

        private func flushText() {
            guard var bytes = text else { return }
            text = nil
            if bytes.allSatisfy(\.isASCIISpace), let message = pendingMessage { bytes = Array(message.utf8) }
            pendingMessage = nil
            guard stream != nil else { return }
            var lineNumber = textLine
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else { return }
                var lines = BufferLines(UnsafeRawBufferPointer(start: base, count: buffer.count))
                var normalizer = LineNormalizer()
                lines.forEachLine { raw in
                    normalizer.normalize(raw) { line in stream!.feed(line, lineNumber: lineNumber, into: &log) }
                    lineNumber += 1
                }
            }
        }

        private func closeSuite(line: Int) {
            flushText()
            guard stream != nil else { return }
            stream!.finish(lastLine: line, into: &log)
            let outcome: PackageOutcome = suiteFailed ? .failed : suiteCases == 0 ? .noTestFiles : .passed
            log.packages.append(PackageResult(name: suite, outcome: outcome, line: suiteLine))
            stream = nil
        }

        func finish(lastLine: Int) -> ParsedLog {
            if let testCase, stream != nil {
                stream!.recordResult(test: testCase.name, outcome: testCase.outcome, line: testCase.line, into: &log)
                self.testCase = nil
            }
            closeSuite(line: lastLine)
            return log
        }
    }
}
