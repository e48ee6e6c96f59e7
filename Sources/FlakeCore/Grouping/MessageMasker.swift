/// Masks what differs between runs of the same failure (numbers, hex, pointers, UUIDs,
/// timestamps, durations, temporary paths), in the spirit of Kubernetes' triage, so that
/// one assertion failing with different values is one group. Works on UTF-8 bytes: every
/// masked token is ASCII, and other bytes pass through untouched.
public enum MessageMasker {
    public static func mask(_ message: String) -> String {
        var message = message
        return message.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: room(for: bytes.count)) { room in mask(bytes, into: room) }
        }
    }

    /// The bytes a masked message of `count` bytes may take: a token is at most five times
    /// what it replaces (`1s` → `<duration>`).
    static func room(for count: Int) -> Int { count * 5 + 16 }

    /// Masks `bytes` into `room` (at least `room(for: bytes.count)` long); returns the count written.
    static func mask(_ bytes: UnsafeBufferPointer<UInt8>, into room: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var out = Output(room: room)
        mask(bytes, into: &out)
        return out.count
    }

    /// Written straight into the string's storage: every failing run masks its message, and an
    /// array append per byte was most of the cost.
    private struct Output {
        let room: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func append(_ byte: UInt8) {
            room[count] = byte
            count += 1
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
            UnsafeMutableRawPointer(room.baseAddress! + count).copyMemory(from: bytes.baseAddress! + start, byteCount: end - start)
            count += end - start
        }

        mutating func append(_ literal: StaticString) {
            for k in 0..<literal.utf8CodeUnitCount { room[count + k] = literal.utf8Start[k] }
            count += literal.utf8CodeUnitCount
        }
    }

    private static func mask(_ s: UnsafeBufferPointer<UInt8>, into out: inout Output) {
        var i = 0
        while i < s.count {
            // Only a slash, a digit or a hex letter can begin what is masked, and inside a word
            // only `0x` does: the bytes up to the next such start are copied at once.
            let plainEnd = endOfPlainBytes(s, from: i)
            if plainEnd > i {
                out.append(s, from: i, to: plainEnd)
                i = plainEnd
                continue
            }
            let c = s[i]
            // Temporary paths: /tmp/… up to whitespace (or a `:line` after the path).
            if c == slash, matches(s, i, "/tmp/") || matches(s, i, "/var/folders/") {
                out.append("<tmp>")
                while i < s.count, !isSpace(s[i]), s[i] != colon || !isDigit(at: i + 1, s) { i += 1 }
                continue
            }
            // Hex: 0x… pointers and addresses.
            if c == zero, i + 2 < s.count, s[i + 1] == lowerX, isHex(s[i + 2]) {
                out.append("0x<hex>")
                i += 2
                while i < s.count, isHex(s[i]) { i += 1 }
                continue
            }
            // Inside a word (`abc123`) digits are part of a name, not a value.
            if isAlnum(c), i > 0, isAlnum(s[i - 1]) || s[i - 1] == underscore {
                out.append(c)
                i += 1
                continue
            }
            if isHex(c), let end = uuidEnd(s, i) {
                out.append("<uuid>")
                i = end
                continue
            }
            // Long hex words (hashes, container ids) of 12+ hex digits with a digit in them.
            if isHex(c) {
                var j = i
                var hasDigit = false
                while j < s.count, isHex(s[j]) {
                    if isDigit(s[j]) { hasDigit = true }
                    j += 1
                }
                if j - i >= 12, hasDigit, j == s.count || !isAlnum(s[j]) {
                    out.append("<hex>")
                    i = j
                    continue
                }
            }
            if isDigit(c) {
                if let end = durationEnd(s, i) {
                    out.append("<duration>")
                    i = end
                    continue
                }
                // Numbers, decimals, dates and times (2026-11-25T13:44:44.123Z) are one value.
                var j = i
                var sawTime = false
                while j < s.count {
                    let b = s[j]
                    if isDigit(b) {
                        j += 1
                    } else if (b == dot || b == colon || b == dash) && isDigit(at: j + 1, s) {
                        if b == colon { sawTime = true }
                        j += 1
                    } else if b == upperT, j > i, isDigit(at: j + 1, s) {
                        sawTime = true
                        j += 1
                    } else {
                        break
                    }
                }
                if sawTime, j < s.count, s[j] == upperZ { j += 1 }
                out.append(sawTime ? "<time>" : "<n>")
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
    }

    /// `1.5s`, `300ms`, `2m30s`, `1h2m3.5s`, `12µs`: the index after the duration, or nil.
    private static func durationEnd(_ s: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start
        var end: Int?
        while i < s.count, isDigit(s[i]) {
            while i < s.count, isDigit(s[i]) || s[i] == dot && isDigit(at: i + 1, s) { i += 1 }
            let unitStart = i
            while i < s.count, isUnitByte(s, i) { i += s[i] == 0xC2 ? 2 : 1 }
            guard isDurationUnit(s, unitStart, i) else { break }
            end = i
        }
        guard let end, end == s.count || !isAlnum(s[end]) else { return nil }
        return end
    }

    private static func isUnitByte(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = s[i]
        if b == 0xC2 { return i + 1 < s.count && s[i + 1] == 0xB5 }  // µ
        return b == 0x6E || b == 0x75 || b == 0x6D || b == 0x73 || b == 0x68  // n u m s h
    }

    /// `ns`, `us`, `µs`, `ms`, `s`, `m`, `h`.
    private static func isDurationUnit(_ s: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        switch to - from {
        case 1: return s[from] == 0x73 || s[from] == 0x6D || s[from] == 0x68
        case 2: return s[from + 1] == 0x73 && (s[from] == 0x6E || s[from] == 0x75 || s[from] == 0x6D)
        case 3: return s[from] == 0xC2 && s[from + 1] == 0xB5 && s[from + 2] == 0x73
        default: return false
        }
    }

    private static func matches(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= s.count else { return false }
        for k in 0..<n where s[i + k] != literal.utf8Start[k] { return false }
        return true
    }

    /// `8-4-4-4-12` hex digits from `i`, not followed by a letter or digit: where they end.
    private static func uuidEnd(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        // The dashes first: most words that start with hex digits are no UUID.
        let end = i + 36
        guard end <= s.count, s[i + 8] == dash, s[i + 13] == dash, s[i + 18] == dash, s[i + 23] == dash else { return nil }
        for k in i..<end where k != i + 8 && k != i + 13 && k != i + 18 && k != i + 23 {
            guard isHex(s[k]) else { return nil }
        }
        return end == s.count || !isAlnum(s[end]) ? end : nil
    }

    /// Where the bytes from `start` on stop being copied as they are: at a slash, at a digit
    /// that begins a word, at a hex letter that begins eight hex bytes in a row (what a UUID
    /// or a long hex word needs), or at a `0` anywhere (`0x…` is masked even inside a word).
    private static func endOfPlainBytes(_ s: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let base = s.baseAddress!, count = s.count
        var inWord = start > 0 && byteClass(base[start - 1]) & wordByte != 0
        var j = start
        while j < count {
            let flags = byteClass(base[j])
            // Most bytes are letters, spaces and punctuation.
            guard flags & (hexDigit | slashByte) != 0 else {
                inWord = flags & wordByte != 0
                j += 1
                continue
            }
            if flags & (slashByte | zeroByte) != 0 { break }
            if inWord {
                j += 1
                continue
            }
            if flags & decimalDigit != 0 { break }
            // A hex letter begins a word: a UUID or a long hex word needs eight hex bytes from
            // here. With fewer, the word is copied up to its first `0` (which may begin `0x…`).
            var k = j + 1, firstZero: Int?
            while k < count, k - j < 8 {
                let next = byteClass(base[k])
                guard next & hexDigit != 0 else { break }
                if firstZero == nil, next & zeroByte != 0 { firstZero = k }
                k += 1
            }
            if k - j >= 8 { break }
            inWord = true
            j = firstZero ?? k
        }
        return j
    }

    /// Bit flags by byte value: `wordByte` for `0`–`9`, `A`–`Z`, `_` and `a`–`z`; `hexDigit` for
    /// `0`–`9`, `A`–`F` and `a`–`f`; `decimalDigit`, `zeroByte` and `slashByte` for what they say.
    private static let wordByte: UInt8 = 1, hexDigit: UInt8 = 2, decimalDigit: UInt8 = 4, zeroByte: UInt8 = 8, slashByte: UInt8 = 16

    /// `byteClass` of each ASCII byte plus 0x40 (`@` for none): a table, where a `switch` over
    /// the byte compiled to a chain of compares.
    private static let byteClasses: StaticString = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@POGGGGGGGGG@@@@@@@CCCCCCAAAAAAAAAAAAAAAAAAAA@@@@A@CCCCCCAAAAAAAAAAAAAAAAAAAA@@@@@"

    @inline(__always) private static func byteClass(_ c: UInt8) -> UInt8 {
        c < 128 ? byteClasses.utf8Start[Int(c)] &- 0x40 : 0
    }

    private static let slash: UInt8 = 0x2F, colon: UInt8 = 0x3A, zero: UInt8 = 0x30, lowerX: UInt8 = 0x78
    private static let underscore: UInt8 = 0x5F, dot: UInt8 = 0x2E, dash: UInt8 = 0x2D, upperT: UInt8 = 0x54
    private static let upperZ: UInt8 = 0x5A

    private static func isDigit(at i: Int, _ s: UnsafeBufferPointer<UInt8>) -> Bool { i < s.count && isDigit(s[i]) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) }
    private static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) }
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A }
}
