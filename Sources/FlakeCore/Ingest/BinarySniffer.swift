/// Tells binary files from text logs by their first bytes. A log with a few NUL bytes (a test
/// that printed one, a crash that left padding) is still text and is read; a file whose head is
/// mostly control bytes, or starts with a known binary signature, is not.
enum BinarySniffer {
    /// What kind of binary the head shows, or nil for text.
    /// Bytes looked at for control characters: enough to tell noise from text, and every file pays it.
    static let sample = 2048

    static func binaryKind(_ whole: ByteLine) -> String? {
        let head = whole.prefix(sample)
        if head.hasPrefix("\u{7F}ELF") { return "ELF executable" }
        if head.hasPrefix("PK\u{03}\u{04}") { return "zip archive" }
        if head.count >= 8, head[0] == 0x89, head[1] == 0x50, head[2] == 0x4E, head[3] == 0x47 { return "PNG image" }
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return "JPEG image" }
        if head.count >= 3, head[0] == 0x42, head[1] == 0x5A, head[2] == 0x68 { return "bzip2 data" }
        if head.count >= 6, head[0] == 0xFD, head[1] == 0x37, head[2] == 0x7A, head[3] == 0x58 { return "xz data" }
        if head.count >= 4, head[0] == 0x28, head[1] == 0xB5, head[2] == 0x2F, head[3] == 0xFD { return "zstd data" }
        guard head.count > 0 else { return nil }
        var control = 0
        func countControl(_ from: Int, _ to: Int) {
            for i in from..<to {
                let byte = head[i]
                // Text has tabs, newlines, CR, form feed, backspace and ESC (colours); not much else below 0x20.
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C, byte != 0x08, byte != 0x1B {
                    control += 1
                }
            }
        }
        // Eight bytes at a time: only words holding a control byte other than a newline or a tab
        // (every line has one of those) are looked at bytewise.
        let raw = UnsafeRawPointer(head.base)
        var i = 0
        while i + 8 <= head.count {
            if hasControlBytesBesideNewlinesAndTabs(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { countControl(i, i + 8) }
            i += 8
        }
        countControl(i, head.count)
        return control * 10 > head.count ? "mostly control bytes and NUL in the first \(head.count) bytes" : nil
    }

    /// Whether `text` is ASCII with no byte below 0x20 but tabs and newlines, eight bytes at a time.
    static func isPlainLines(_ text: ByteLine) -> Bool {
        let raw = UnsafeRawPointer(text.base)
        var i = 0
        while i + 8 <= text.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 || hasControlBytesBesideNewlinesAndTabs(word) { return false }
            i += 8
        }
        while i < text.count {
            if text[i] >= 0x80 || (text[i] < 0x20 && text[i] != 0x09 && text[i] != 0x0A) { return false }
            i += 1
        }
        return true
    }

    @inline(__always) private static func hasControlBytesBesideNewlinesAndTabs(_ word: UInt64) -> Bool {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, highs: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte that is zero, exactly (no borrow between bytes).
        func zeros(_ word: UInt64) -> UInt64 { ~(((word & lows) &+ lows) | word) & highs }
        let below20 = ~(((word & lows) &+ 0x6060_6060_6060_6060) | word) & highs
        return below20 != 0 && below20 != zeros(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeros(word ^ 0x0909_0909_0909_0909)
    }
}
