/// Ginkgo v1/v2 console output inside a Go test: failure blocks (`• Failure …` / `[FAILED]`)
/// hold the messages, the `Summarizing N Failures` section names the specs, in the same order.
struct GinkgoOutputParser {
    /// `Running Suite:` was seen.
    private(set) var active = false
    private var suiteTest: String?
    private var inBlock = false
    private var blockLines: [String] = []
    private var blockMessages: [String] = []
    private var inSummary = false
    private var summaryIndex = 0

    enum Outcome {
        /// Not Ginkgo's line.
        case notConsumed
        case consumed
        /// A summary line naming a failed spec (its package is the stream's to fill in).
        case specFailed(SpecFailure)
    }

    mutating func feed(_ text: ByteLine, lineNumber: Int, currentTest: String?) -> Outcome {
        if text.hasPrefix("Running Suite:") {
            active = true
            suiteTest = currentTest
            return .consumed
        }
        guard active else { return .notConsumed }
        if inSummary { return summaryLine(text, lineNumber: lineNumber, currentTest: currentTest) }
        if text.hasPrefix("Summarizing "), text.contains(" Failure") {
            closeBlock()
            inSummary = true
            summaryIndex = 0
            return .consumed
        }
        let stripped = Self.droppingProgressDots(text)
        if stripped.hasPrefix("• Failure") || stripped.hasPrefix("• Panic") || stripped.hasPrefix("• [FAILED]")
            || stripped.hasPrefix("• [PANICKED]") || stripped.hasPrefix("• [TIMEDOUT]")
        {
            closeBlock()
            inBlock = true
            return .consumed
        }
        guard inBlock else { return .notConsumed }
        if stripped.hasSuffix("------------------------------") {
            closeBlock()
        } else if blockLines.count < 60 {
            blockLines.append(text.string)
        }
        return .consumed
    }

    private mutating func summaryLine(_ text: ByteLine, lineNumber: Int, currentTest: String?) -> Outcome {
        if text.hasPrefix("Ran ") || text.hasPrefix("FAIL!") || text.hasPrefix("SUCCESS!") {
            inSummary = false
            return .consumed
        }
        guard let tagEnd = Self.failureTag(text) else { return .consumed }
        let message = summaryIndex < blockMessages.count ? blockMessages[summaryIndex] : ""
        summaryIndex += 1
        return .specFailed(
            SpecFailure(
                package: "", suiteTest: suiteTest ?? currentTest, spec: text.dropFirst(tagEnd).trimmed().string,
                message: message, isPanic: text.hasPrefix("[Panic") || text.hasPrefix("[PANIC"), line: lineNumber))
    }

    private mutating func closeBlock() {
        guard inBlock else { return }
        inBlock = false
        blockMessages.append(Self.message(blockLines))
        blockLines = []
    }

    /// The failure text of a block: a v2 `[FAILED]` line, else (v1) the lines after the spec's
    /// location, without the locations.
    static func message(_ lines: [String]) -> String {
        if let failed = lines.first(where: { $0.hasPrefix("[FAILED] ") || $0.hasPrefix("[PANICKED] ") }) {
            return String(failed.drop { $0 != " " }.dropFirst())
        }
        var body: [String] = []
        var sawSpec = false
        for line in lines {
            if isSpecLine(line) {
                sawSpec = true
                body = []
                continue
            }
            if isGoLocation(line) { continue }
            if sawSpec { body.append(line) }
        }
        if body.isEmpty { body = lines.filter { !isGoLocation($0) } }
        return body.joined(separator: "\n")
    }

    /// `… [It]`, `… [It] …`, or a line that ends in a bracketed label: a spec's own heading.
    /// Searched as bytes: `contains` on a `String` went through Foundation's search, which was
    /// half the time of a Ginkgo log with failures.
    private static func isSpecLine(_ line: String) -> Bool {
        ByteLine.withBytes(of: line) { bytes in
            bytes.hasSuffix("[It]") || bytes.contains(" [It] ") || bytes.hasSuffix("]") && bytes.contains(" [")
        }
    }

    static func isGoLocation(_ line: String) -> Bool {
        // `/path/file.go:12`: no space, `.go:` in it (as bytes, see `isSpecLine`), digits after the last colon.
        guard ByteLine.withBytes(of: line, { $0.contains(".go:") && $0.firstIndex(of: 0x20) == nil }),
            let colon = line.lastIndex(of: ":")
        else { return false }
        let tail = line[line.index(after: colon)...]
        return !tail.isEmpty && tail.allSatisfy(\.isNumber)
    }

    /// `[Fail]`, `[FAIL]`, `[Panic!]`, `[PANICKED!]`, `[TIMEDOUT]`: the index after the tag.
    static func failureTag(_ text: ByteLine) -> Int? {
        for tag: StaticString in ["[Fail]", "[FAIL]", "[Panic!]", "[PANICKED!]", "[TIMEDOUT]", "[INTERRUPTED]"]
        where text.hasPrefix(tag) {
            return tag.utf8CodeUnitCount
        }
        return nil
    }

    /// "•" is E2 80 A2; a run of them may precede the real content.
    static func droppingProgressDots(_ text: ByteLine) -> ByteLine {
        var line = text
        while line.count >= 6, line[0] == 0xE2, line[1] == 0x80, line[2] == 0xA2, line[3] == 0xE2 { line = line.dropFirst(3) }
        return line
    }
}
