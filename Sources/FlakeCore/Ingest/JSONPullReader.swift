/// Reads a JSON document over bytes in place, value by value, as the caller asks for them:
/// for flaketui's own reports, which can be as large as the logs they came from. `JSONDecoder`
/// copied the file, built a tree of it and then the values (30 MB/s and four times the file's
/// size in memory on a big export). Names are interned; malformed input throws, with the byte
/// offset, and never traps.
struct JSONPullReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let message: String

        var description: String { "at byte \(offset): \(message)" }
    }

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private(set) var position = 0
    private let interner: ByteInterner?
    private var depth = 0
    /// Hostile nesting ends in an error, not in a stack overflow.
    static let maxDepth = 256

    /// Bytes before this offset have been handed back to the kernel (see `releaseReadPages`).
    private var released = 0
    private let releaseEvery: Int

    /// `releaseEvery`: for a file mapped read-only, give its pages back each time this many bytes
    /// have been read (0: never; the bytes must be a file mapping, which reads them again if
    /// touched, not memory of the process, which would read back as zeros).
    init(_ bytes: UnsafeRawBufferPointer, interner: ByteInterner? = nil, releaseEvery: Int = 0) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = bytes.count
        self.interner = interner
        self.releaseEvery = releaseEvery
    }

    /// Gives back the whole pages before the current position: a merged export is read once,
    /// front to back, and kept resident it counted in full in the peak (1.1 GB for 880 MB).
    mutating func releaseReadPages() {
        guard releaseEvery > 0, position - released >= releaseEvery else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let upTo = (position / page) * page
        guard upTo > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), upTo - released, MADV_DONTNEED)
        released = upTo
    }

    // MARK: Containers

    /// Calls `member` with each key; it must read or skip the value.
    mutating func object(_ member: (inout JSONPullReader, ByteLine) throws -> Void) throws {
        try open(0x7B)
        defer { depth -= 1 }
        if try closes(0x7D) { return }
        repeat {
            skipWhitespace()
            guard position < count, base[position] == 0x22 else { throw failure("expected a key") }
            let (start, end, escaped) = try stringBounds()
            try expect(0x3A)
            if escaped {
                // Its own buffer: reading the value may decode other strings.
                let key = try unescaped(start, end)
                try withExtendedLifetime(key) { try member(&self, key.bytes) }
            } else {
                try member(&self, ByteLine(base: base + start, count: end - start))
            }
        } while try separator(closing: 0x7D)
    }

    mutating func array(_ element: (inout JSONPullReader) throws -> Void) throws {
        try open(0x5B)
        defer { depth -= 1 }
        if try closes(0x5D) { return }
        repeat {
            try element(&self)
        } while try separator(closing: 0x5D)
    }

    /// The array's elements, each read by `element`.
    mutating func list<Element>(_ element: (inout JSONPullReader) throws -> Element) throws -> [Element] {
        var all: [Element] = []
        try array { all.append(try element(&$0)) }
        return all
    }

    mutating func strings(interned: Bool = true) throws -> [String] {
        try list { try $0.string(interned: interned) }
    }

    // MARK: Values

    /// `interned`: for names that repeat (tests, packages, frames); not for messages.
    mutating func string(interned: Bool = true) throws -> String {
        skipWhitespace()
        guard position < count, base[position] == 0x22 else { throw failure("expected a string") }
        let (start, end, escaped) = try stringBounds()
        if escaped {
            let decoded = try unescaped(start, end)
            return withExtendedLifetime(decoded) { text(decoded.bytes, interned: interned) }
        }
        return text(ByteLine(base: base + start, count: end - start), interned: interned)
    }

    /// nil for `null`.
    mutating func optionalString(interned: Bool = true) throws -> String? {
        try null() ? nil : string(interned: interned)
    }

    mutating func int() throws -> Int {
        skipWhitespace()
        let start = position
        let negative = position < count && base[position] == 0x2D
        if negative { position += 1 }
        var value = 0, digits = 0
        while position < count, base[position] >= 0x30, base[position] <= 0x39 {
            guard digits < 18 else { throw failure("number too large", at: start) }
            value = value * 10 + Int(base[position] - 0x30)
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw failure("expected a number", at: start) }
        if position < count, base[position] == 0x2E || base[position] == 0x65 || base[position] == 0x45 {
            throw failure("expected a whole number", at: start)
        }
        return negative ? -value : value
    }

    mutating func bool() throws -> Bool {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        throw failure("expected true or false")
    }

    /// Consumes a `null` if one comes next.
    mutating func null() throws -> Bool {
        skipWhitespace()
        return literal("null")
    }

    mutating func skipValue() throws {
        skipWhitespace()
        guard position < count else { throw failure("expected a value, found the end") }
        switch base[position] {
        case 0x7B: try object { reader, _ in try reader.skipValue() }
        case 0x5B: try array { try $0.skipValue() }
        case 0x22: _ = try stringBounds()
        case 0x74, 0x66: _ = try bool()
        case 0x6E: if !literal("null") { throw failure("expected null") }
        case 0x2D, 0x30...0x39:
            position += 1
            while position < count, Self.isNumberByte(base[position]) { position += 1 }
        default: throw failure("unexpected character")
        }
    }

    /// Only whitespace may follow the document.
    mutating func end() throws {
        skipWhitespace()
        guard position == count else { throw failure("unexpected text after the document") }
    }

    // MARK: Scanning

    private mutating func skipWhitespace() {
        while position < count, base[position] == 0x20 || base[position] == 0x0A || base[position] == 0x0D || base[position] == 0x09 {
            position += 1
        }
    }

    private mutating func open(_ bracket: UInt8) throws {
        skipWhitespace()
        guard position < count, base[position] == bracket else {
            throw failure(bracket == 0x7B ? "expected an object" : "expected an array")
        }
        guard depth < Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) deep") }
        depth += 1
        position += 1
    }

    private mutating func closes(_ bracket: UInt8) throws -> Bool {
        skipWhitespace()
        guard position < count else { throw failure("cut off") }
        if base[position] == bracket {
            position += 1
            return true
        }
        return false
    }

    /// After a member or element: true at `,`, false at the closing bracket.
    private mutating func separator(closing: UInt8) throws -> Bool {
        skipWhitespace()
        guard position < count else { throw failure("cut off") }
        let byte = base[position]
        position += 1
        if byte == 0x2C { return true }
        if byte == closing { return false }
        throw failure("expected , or \(closing == 0x7D ? "}" : "]")", at: position - 1)
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard position < count, base[position] == byte else {
            throw failure("expected \(String(decoding: [byte], as: UTF8.self))")
        }
        position += 1
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard position + n <= count, memcmp(base + position, word.utf8Start, n) == 0 else { return false }
        position += n
        return true
    }

    /// The string starting at `position` (a quote): where its contents start and end, and whether
    /// they hold escapes. Leaves `position` after the closing quote.
    private mutating func stringBounds() throws -> (start: Int, end: Int, escaped: Bool) {
        let start = position + 1
        let rest = ByteLine(base: base, count: count)
        var i = start, escaped = false
        while true {
            guard let hit = rest.firstQuoteOrBackslash(from: i) else { throw failure("string cut off", at: position) }
            if base[hit] == 0x22 {
                position = hit + 1
                return (start, hit, escaped)
            }
            escaped = true
            i = hit + 2
        }
    }

    private func unescaped(_ start: Int, _ end: Int) throws -> ByteBuffer {
        let decoded = ByteBuffer(capacity: end - start)
        let text = ByteLine(base: base, count: count)
        var i = start
        while i < end {
            guard base[i] == 0x5C else {
                decoded.append(base[i])
                i += 1
                continue
            }
            guard let next = JSONEscape.decode(text, at: i, end: end, into: decoded) else { throw failure("bad escape", at: i) }
            i = next
        }
        return decoded
    }

    private func text(_ bytes: ByteLine, interned: Bool) -> String {
        if interned, let interner { return interner.string(bytes) }
        return bytes.string
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45
    }

    private func failure(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? position, message: position >= count && offset == nil ? "\(message) (cut off)" : message)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
