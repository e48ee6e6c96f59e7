/// Fenced code blocks that log text cannot close: the fence is one backtick longer than the
/// longest backtick run in the content.
enum CodeFence {
    static func block(_ content: String, info: String = "") -> String {
        let body = normalizedLines(content)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: body) + 1))
        return fence + info + "\n" + body + (body.isEmpty || body.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "`") {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return longest
    }

    /// A lone carriage return ends a line in Markdown and could start a fence-closing line;
    /// other control characters (escape sequences from colored logs) are made visible.
    private static func normalizedLines(_ content: String) -> String {
        let unified = content.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return String(
            String.UnicodeScalarView(
                unified.unicodeScalars.map { scalar in
                    scalar == "\n" || scalar == "\t" || scalar.properties.generalCategory != .control ? scalar : "\u{FFFD}"
                }))
    }
}
