/// A view of one line's bytes inside a mapped file or a scratch buffer. Valid only while the
/// storage it points into is alive, so it never escapes the parse of one line.
struct ByteLine {
    let base: UnsafePointer<UInt8>
    let count: Int

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    var isEmpty: Bool { count == 0 }

    /// A string's UTF-8 as a line, for byte checks on names and paths.
    static func withBytes<R>(of string: String, _ body: (ByteLine) -> R) -> R {
        var string = string
        return string.withUTF8 { body(ByteLine(base: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)) }
    }

    subscript(_ i: Int) -> UInt8 { base[i] }

    func dropFirst(_ n: Int) -> ByteLine {
        let n = min(n, count)
        return ByteLine(base: base + n, count: count - n)
    }

    func prefix(_ n: Int) -> ByteLine { ByteLine(base: base, count: min(n, count)) }

    func slice(_ from: Int, _ to: Int) -> ByteLine {
        let from = max(0, min(from, count)), to = max(from, min(to, count))
        return ByteLine(base: base + from, count: to - from)
    }

    func hasPrefix(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard n <= count else { return false }
        return memcmp(base, literal.utf8Start, n) == 0
    }

    func hasSuffix(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard n <= count else { return false }
        return memcmp(base + (count - n), literal.utf8Start, n) == 0
    }

    func firstIndex(of byte: UInt8, from start: Int = 0) -> Int? {
        guard start < count else { return nil }
        guard let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Index of the first `"` or `\` from `start`, eight bytes at a time: a JSON string is
    /// mostly long runs of neither.
    func firstQuoteOrBackslash(from start: Int) -> Int? {
        var i = start
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte equal to the one sought is a zero byte after the xor; the lowest flagged
            // byte is exact (a borrow only flags bytes above a real zero).
            let quotes = word ^ (0x22 &* ones), backslashes = word ^ (0x5C &* ones)
            let hits = ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes) & highs
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count {
            if base[i] == 0x22 || base[i] == 0x5C { return i }
            i += 1
        }
        return nil
    }

    func lastIndex(of byte: UInt8) -> Int? {
        var i = count - 1
        while i >= 0 {
            if base[i] == byte { return i }
            i -= 1
        }
        return nil
    }

    /// Index of the first occurrence of `literal`, by a memchr on its first byte.
    func range(of literal: StaticString, from start: Int = 0) -> Int? {
        let n = literal.utf8CodeUnitCount
        guard n > 0 else { return start }
        let first = literal.utf8Start[0]
        var i = start
        while i + n <= count, let hit = firstIndex(of: first, from: i) {
            if hit + n > count { return nil }
            if memcmp(base + hit, literal.utf8Start, n) == 0 { return hit }
            i = hit + 1
        }
        return nil
    }

    /// Index of the last occurrence of `literal`, searched from the end.
    func lastRange(of literal: StaticString) -> Int? {
        let n = literal.utf8CodeUnitCount
        var i = count - n
        while i >= 0 {
            if base[i] == literal.utf8Start[0], memcmp(base + i, literal.utf8Start, n) == 0 { return i }
            i -= 1
        }
        return nil
    }

    func contains(_ literal: StaticString) -> Bool { range(of: literal) != nil }

    /// `contains`, searching for the literal's byte at `anchor` (one that is rare in the text
    /// searched) instead of its first: `race detected …` stopped at every `r` of every message.
    func contains(_ literal: StaticString, anchor: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard anchor < n else { return contains(literal) }
        var i = anchor
        while let hit = firstIndex(of: literal.utf8Start[anchor], from: i) {
            let start = hit - anchor
            if start + n > count { return false }
            if start >= 0, memcmp(base + start, literal.utf8Start, n) == 0 { return true }
            i = hit + 1
        }
        return false
    }

    /// Count of leading spaces and tabs.
    var indentation: Int {
        var i = 0
        while i < count, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
        return i
    }

    /// Inlined: every line is trimmed at least once, and the call cost as much as the work.
    @inline(__always) func trimmed() -> ByteLine {
        var start = 0, end = count
        while start < end, base[start].isASCIISpace { start += 1 }
        while end > start, base[end - 1].isASCIISpace { end -= 1 }
        return slice(start, end)
    }

    /// Decimal digits at `start`; nil when there are none.
    func integer(at start: Int) -> (value: Int, end: Int)? {
        var i = start, value = 0
        while i < count, base[i] >= 0x30, base[i] <= 0x39, i - start < 18 {
            value = value &* 10 &+ Int(base[i] - 0x30)
            i += 1
        }
        return i == start ? nil : (value, i)
    }

    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    func equals(_ literal: StaticString) -> Bool {
        literal.utf8CodeUnitCount == count && hasPrefix(literal)
    }

    func equals(_ other: ByteLine) -> Bool {
        count == other.count && (count == 0 || memcmp(base, other.base, count) == 0)
    }

    /// Whether these bytes are `string`'s UTF-8. Inlined: the interner and the test2json
    /// scanner ask for every name they meet.
    @inline(__always) func equals(_ string: String) -> Bool {
        guard string.utf8.count == count else { return false }
        return string.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == 0 || memcmp(stored.baseAddress!, base, count) == 0
        } ?? (String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) == string)
    }
}

extension UInt8 {
    var isASCIISpace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isASCIIDigit || (self >= 0x61 && self <= 0x66) || (self >= 0x41 && self <= 0x46) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
