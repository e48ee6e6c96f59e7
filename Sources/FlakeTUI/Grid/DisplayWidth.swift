/// Terminal column widths computed without the C locale.
///
/// `wcwidth` answers -1 for non-ASCII in the C locale (which is what tests run in), so the
/// layout code uses this table instead: East Asian wide/fullwidth ranges and emoji-presentation
/// scalars take two columns, combining marks and format characters none.
public enum DisplayWidth {
    /// Columns taken by one scalar: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v == 0x00AD { return 1 }
        if isZeroWidth(v) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns taken by one grapheme: the width of its first visible scalar.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if w > 0 { return w }
        }
        return 0
    }

    /// Columns taken by a string (tabs count as one; callers expand them first).
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for c in text { total += c == "\t" ? 1 : of(c) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`; adds `…` when it had to cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        if text.utf8.count <= columns, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        if of(text) <= columns { return text }
        let budget = ellipsis ? columns - 1 : columns
        var used = 0
        var out = ""
        for c in text {
            let w = of(c)
            if used + w > budget { break }
            used += w
            out.append(c)
        }
        return ellipsis ? out + "…" : out
    }

    /// `text` padded with spaces (or truncated) to exactly `columns`.
    public static func pad(_ text: String, to columns: Int) -> String {
        let fitted = truncate(text, to: columns)
        let w = of(fitted)
        return w >= columns ? fitted : fitted + String(repeating: " ", count: columns - w)
    }

    /// `text` right-aligned in `columns`.
    public static func padLeft(_ text: String, to columns: Int) -> String {
        let fitted = truncate(text, to: columns)
        let w = of(fitted)
        return w >= columns ? fitted : String(repeating: " ", count: columns - w) + fitted
    }

    private static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x2064).contains(v)
            || (0xFE00...0xFE0F).contains(v) || v == 0xFEFF
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
