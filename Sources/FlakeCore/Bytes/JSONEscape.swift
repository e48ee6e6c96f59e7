/// JSON's backslash escapes, decoded for both readers of JSON here: the test2json scanner and the
/// reader of flaketui's own reports.
enum JSONEscape {
    /// Decodes the escape whose backslash is at `i`, reading no further than `end`, into `out`.
    /// Returns the index after it, or nil when it is not an escape JSON has (a `\u` escape
    /// naming half a surrogate pair alone becomes U+FFFD).
    static func decode(_ text: ByteLine, at i: Int, end: Int, into out: ByteBuffer) -> Int? {
        guard i + 1 < end else { return nil }
        switch text[i + 1] {
        case 0x22, 0x5C, 0x2F: out.append(text[i + 1])
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
            guard i + 6 <= end, var scalar = hex4(text, i + 2) else { return nil }
            var next = i + 6
            // A surrogate pair spells one scalar above U+FFFF.
            if (0xD800..<0xDC00).contains(scalar), next + 6 <= end, text[next] == 0x5C, text[next + 1] == 0x75,
                let low = hex4(text, next + 2), (0xDC00..<0xE000).contains(low)
            {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            }
            for byte in UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")! { out.append(byte) }
            return next
        default:
            return nil
        }
        return i + 2
    }

    private static func hex4(_ text: ByteLine, _ at: Int) -> UInt32? {
        var value: UInt32 = 0
        for k in 0..<4 {
            let byte = text[at + k]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            case 0x41...0x46: digit = byte - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
