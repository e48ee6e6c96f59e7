/// Makes log-derived text inert in GitHub-flavoured Markdown: test names, titles and messages
/// come from logs and may hold pipes, backticks or HTML.
enum MarkdownEscaping {
    /// Punctuation that can start emphasis, links, HTML or strikethrough, plus
    /// `#` and `@`, which GitHub turns into issue links and mentions that notify people.
    /// `_` is handled apart: inside a word it is literal in GFM and escaping it would make
    /// names like `Test_foo_bar` noisy in the raw text.
    private static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "[", "]", "<", ">", "~", "&", "!", "#", "@"]

    /// Running text: every character that Markdown could interpret is backslash-escaped and
    /// line breaks become spaces, so the text cannot open a block. Pipes are left to `cell`,
    /// which escapes them once for tables (escaping twice would leave `\\|`, a real pipe).
    static func text(_ raw: String) -> String {
        let characters = Array(singleLine(raw))
        var out = ""
        out.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            if alwaysEscaped.contains(character) {
                out.append("\\")
            } else if character == "_" {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                if !(isWordCharacter(before) && isWordCharacter(after)) { out.append("\\") }
            }
            out.append(character)
        }
        return out
    }

    /// A code span whose delimiter is longer than any backtick run inside, padded when the
    /// content starts or ends with a backtick (CommonMark strips one space on each side).
    static func code(_ raw: String) -> String {
        let content = singleLine(raw)
        let delimiter = String(repeating: "`", count: CodeFence.longestBacktickRun(in: content) + 1)
        let needsPadding = content.hasPrefix("`") || content.hasSuffix("`") || content.isEmpty
            || (content.hasPrefix(" ") && content.hasSuffix(" "))
        let padding = needsPadding ? " " : ""
        return delimiter + padding + content + padding + delimiter
    }

    /// A table cell: GFM splits rows on `|` before it parses code spans, so pipes are
    /// escaped even inside them (`\|` renders as `|` there too).
    static func cell(_ markdown: String) -> String {
        singleLine(markdown).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text inside an HTML element (`<summary>`): entities for HTML, and for the characters
    /// Markdown might still read, so no renderer turns them into markup.
    static func html(_ raw: String) -> String {
        var out = ""
        for character in singleLine(raw) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "`": out += "&#96;"
            case "*": out += "&#42;"
            case "_": out += "&#95;"
            case "|": out += "&#124;"
            case "[": out += "&#91;"
            case "]": out += "&#93;"
            case "\\": out += "&#92;"
            case "~": out += "&#126;"
            case "#": out += "&#35;"
            case "@": out += "&#64;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Line breaks (and other control characters) would end a table row or a list item.
    static func singleLine(_ raw: String) -> String {
        String(
            String.UnicodeScalarView(
                raw.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control ? " " : scalar
                }))
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
