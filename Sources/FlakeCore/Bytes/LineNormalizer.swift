#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Undoes what CI systems do to a line on its way to the log: a trailing CR, ANSI colour
/// sequences, and a leading timestamp (GitHub Actions ISO-8601, Prow `HH:MM:SS:`).
struct LineNormalizer {
    private var scratch: [UInt8] = []
    /// False when the caller knows the next line holds no ESC byte (the line scanner says so):
    /// it is then not searched for colour sequences (a `memchr` call a line, most of them short).
    var escapesPossible = true

    /// Calls `body` with the cleaned line. The line may point into `scratch`, so it must not escape.
    mutating func normalize<R>(_ raw: ByteLine, _ body: (ByteLine) -> R) -> R {
        var line = raw
        if line.count > 0, line[line.count - 1] == 0x0D { line = line.prefix(line.count - 1) }
        if escapesPossible, line.firstIndex(of: 0x1B) != nil {
            return withoutEscapes(line) { body(Self.strippingTimestamp($0)) }
        }
        return body(Self.strippingTimestamp(line))
    }

    private mutating func withoutEscapes<R>(_ line: ByteLine, _ body: (ByteLine) -> R) -> R {
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < line.count {
            let byte = line[i]
            guard byte == 0x1B else {
                scratch.append(byte)
                i += 1
                continue
            }
            i += 1
            guard i < line.count else { break }
            switch line[i] {
            case 0x5B:  // CSI: ESC [ parameters… final byte in @…~
                i += 1
                while i < line.count, !(line[i] >= 0x40 && line[i] <= 0x7E) { i += 1 }
                i += 1
            case 0x5D:  // OSC: ESC ] … BEL or ESC \
                i += 1
                while i < line.count, line[i] != 0x07, line[i] != 0x1B { i += 1 }
                if i < line.count, line[i] == 0x1B { i += 1 }
                i += 1
            default:  // two-byte escape
                i += 1
            }
        }
        return scratch.withUnsafeBufferPointer { buffer in
            body(ByteLine(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count))
        }
    }

    /// `2026-11-25T13:01:02.1234567Z ` or `13:01:02: ` / `13:01:02 ` at the start of a line.
    static func strippingTimestamp(_ line: ByteLine) -> ByteLine {
        guard line.count >= 9, line[0].isASCIIDigit, line[1].isASCIIDigit else { return line }
        if line.count >= 20, line[4] == 0x2D, line[7] == 0x2D, line[10] == 0x54, line[13] == 0x3A {
            // ISO-8601: skip to the first space.
            guard let space = line.firstIndex(of: 0x20), space <= 40 else { return line }
            return line.dropFirst(space + 1)
        }
        guard line[2] == 0x3A, line[3].isASCIIDigit, line[4].isASCIIDigit, line[5] == 0x3A,
            line[6].isASCIIDigit, line[7].isASCIIDigit
        else { return line }
        var i = 8
        if i < line.count, line[i] == 0x2E {  // fractional seconds
            i += 1
            while i < line.count, line[i].isASCIIDigit { i += 1 }
        }
        if i < line.count, line[i] == 0x3A { i += 1 }
        if i < line.count, line[i] == 0x20 { i += 1 } else if i < line.count { return line }
        return line.dropFirst(i)
    }
}
