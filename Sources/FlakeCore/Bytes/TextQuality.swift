/// Counts lines that are not clean UTF-8 text (NUL bytes, invalid UTF-8) while a parser reads
/// them, so that a file that is read anyway still says what was wrong with it. Lines are
/// scanned eight bytes at a time; only lines with a byte ≥ 0x80 are validated byte by byte.
struct TextQuality: Sendable, Equatable {
    var nulLines = 0
    var firstNulLine: Int?
    var invalidUTF8Lines = 0
    var firstInvalidUTF8Line: Int?

    mutating func inspect(_ line: ByteLine, number: Int) {
        let (hasNul, hasHigh) = Self.scan(line)
        if hasNul {
            nulLines += 1
            if firstNulLine == nil { firstNulLine = number }
        }
        if hasHigh, !Self.isValidUTF8(line) {
            invalidUTF8Lines += 1
            if firstInvalidUTF8Line == nil { firstInvalidUTF8Line = number }
        }
    }

    var problems: [String] {
        var found: [String] = []
        if let first = firstNulLine {
            found.append("NUL bytes on \(nulLines) line(s), the first at line \(first): read as text")
        }
        if let first = firstInvalidUTF8Line {
            found.append("invalid UTF-8 on \(invalidUTF8Lines) line(s), the first at line \(first): shown with U+FFFD")
        }
        return found
    }

    /// Whether the line holds a NUL byte, and a byte with the high bit set. Every line goes
    /// through here: the flags are gathered without branching and looked at once at the end.
    static func scan(_ line: ByteLine) -> (nul: Bool, high: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(line.base)
        let n = line.count
        guard n >= 8 else {
            var nul = false, high = false
            for i in 0..<n {
                nul = nul || line[i] == 0
                high = high || line[i] >= 0x80
            }
            return (nul, high)
        }
        var any: UInt64 = 0, zeros: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            any |= word
            // A zero byte makes (word - 0x01…) borrow into that byte's high bit.
            zeros |= (word &- ones) & ~word
            i += 8
        }
        if i < n {
            // The last eight bytes, overlapping what was read: the flags do not mind seeing a byte twice.
            let word = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            any |= word
            zeros |= (word &- ones) & ~word
        }
        return (zeros & highs != 0, any & highs != 0)
    }

    /// Well-formed UTF-8: no overlongs, surrogates or code points above U+10FFFF.
    static func isValidUTF8(_ line: ByteLine) -> Bool {
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            let second = line[i + 1]
            guard second >= low, second <= high else { return false }
            for k in 2..<length where line[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}

/// A line source that reports every line to a `TextQuality` before the parser sees it.
struct QualityCheckedLines<Base: LineSource>: LineSource {
    var base: Base
    private(set) var quality = TextQuality()

    init(_ base: Base) { self.base = base }

    var head: ByteLine { base.head }

    mutating func forEachLine(_ body: (ByteLine) -> Void) {
        forEachLine(checkingPlain: { line, _, _ in
            body(line)
            return .none
        })
    }

    /// Lines a parser steps over are plain ASCII (see `RaceBlockMemo`): they need no inspecting,
    /// nor do lines the source found plain (inspecting a plain line finds nothing). Whether a
    /// line is plain is passed on, for the parser's colour-sequence removal.
    mutating func forEachLine(checkingPlain body: (ByteLine, ByteLine?, Bool?) -> SkippedLines) {
        var quality = self.quality
        var number = 0
        base.forEachLine(checkingPlain: { line, following, plain in
            number += 1
            if plain != true { quality.inspect(line, number: number) }
            let skipped = body(line, following, plain)
            number += skipped.lines
            return skipped
        })
        self.quality = quality
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
