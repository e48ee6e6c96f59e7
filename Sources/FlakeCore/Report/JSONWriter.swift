/// Writes JSON in the layout of Foundation's `JSONEncoder` with `.prettyPrinted`, `.sortedKeys`
/// and `.withoutEscapingSlashes`, straight into bytes. `JSONEncoder` builds a tree of the whole
/// document first: on a big tree's report that was 10× the time of the ingest and 700 MB. This
/// writer hands its bytes to `sink` in pieces of `pieceSize` as it goes.
///
/// Callers write an object's keys in ascending byte order, as `.sortedKeys` would; debug builds
/// check it. A failing sink is remembered and ends the writing; `finish()` throws its error.
struct JSONWriter {
    typealias Sink = ([UInt8]) throws -> Void

    private var buffer: [UInt8] = []
    private let sink: Sink?
    private let pieceSize: Int
    private var depth = 0
    /// No member written yet in the innermost open object or array.
    private var atFirstMember = true
    private var sinkError: (any Error)?
    #if DEBUG
    private var lastKeys: [[UInt8]?] = []
    #endif

    /// Without a sink, the bytes stay in memory for `finish()` to return.
    init(pieceSize: Int = 1 << 20, sink: Sink? = nil) {
        self.sink = sink
        self.pieceSize = pieceSize
        buffer.reserveCapacity(sink == nil ? 1 << 16 : pieceSize + 4096)
    }

    /// The document ends with a newline. Returns what was not handed to the sink.
    mutating func finish() throws -> [UInt8] {
        precondition(depth == 0, "an object or array is still open")
        buffer.append(0x0A)
        if let sinkError { throw sinkError }
        guard let sink else { return buffer }
        try sink(buffer)
        buffer.removeAll()
        return []
    }

    // MARK: Containers

    mutating func object(_ members: (inout JSONWriter) -> Void) {
        open(0x7B)
        members(&self)
        close(0x7D)
    }

    mutating func array<Elements: Sequence>(_ elements: Elements, _ write: (inout JSONWriter, Elements.Element) -> Void) {
        open(0x5B)
        for element in elements {
            startMember()
            write(&self, element)
        }
        close(0x5D)
    }

    mutating func array(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    /// Starts a member of the open object; its value comes next.
    mutating func key(_ name: StaticString) {
        #if DEBUG
        let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        if let last = lastKeys[lastKeys.count - 1] {
            assert(last.lexicographicallyPrecedes(bytes), "keys out of order: \(name) after \(String(decoding: last, as: UTF8.self))")
        }
        lastKeys[lastKeys.count - 1] = bytes
        #endif
        startMember()
        buffer.append(0x22)
        buffer.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        append(0x22, 0x20, 0x3A, 0x20)  // `" : `
    }

    // MARK: Members, for the common cases

    mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func member(_ name: StaticString, _ value: [String]) {
        key(name)
        array(value)
    }

    /// Left out when nil, as `JSONEncoder` does for an optional property.
    mutating func member(_ name: StaticString, ifPresent value: String?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, ifPresent value: Int?) {
        if let value { member(name, value) }
    }

    // MARK: Values

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { appendEscaped($0) }
    }

    mutating func int(_ value: Int) {
        if value < 0 { buffer.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { room in
            repeat {
                room[23 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            buffer.append(contentsOf: room[(24 - count)...])
        }
        flushIfFull()
    }

    mutating func bool(_ value: Bool) {
        if value { append(0x74, 0x72, 0x75, 0x65) } else { append(0x66, 0x61, 0x6C, 0x73, 0x65) }
    }

    /// Swift's shortest representation, without a trailing `.0`, as `JSONEncoder` writes it.
    mutating func double(_ value: Double) {
        precondition(value.isFinite, "JSON has no infinities or NaN")
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.append(contentsOf: text.utf8)
    }

    mutating func null() {
        append(0x6E, 0x75, 0x6C, 0x6C)
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        buffer.append(bracket)
        buffer.append(0x0A)
        depth += 1
        atFirstMember = true
        #if DEBUG
        lastKeys.append(nil)
        #endif
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        buffer.append(0x0A)
        indent()
        buffer.append(bracket)
        atFirstMember = false
        #if DEBUG
        lastKeys.removeLast()
        #endif
        flushIfFull()
    }

    private mutating func startMember() {
        if !atFirstMember { append(0x2C, 0x0A) }
        atFirstMember = false
        indent()
    }

    private mutating func indent() {
        let spaces = 2 * depth
        Self.spaces.withUnsafeBufferPointer { all in
            var left = spaces
            while left > 0 {
                let piece = min(left, all.count)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: all[..<piece]))
                left -= piece
            }
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// `"` and `\` escaped, and the control characters: the short forms where JSON has them, else
    /// `\u00xx` in lower-case hex. Everything else, non-ASCII too, goes out as it is.
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        buffer.append(0x22)
        var runStart = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            runStart = index + 1
            switch byte {
            case 0x22: append(0x5C, 0x22)
            case 0x5C: append(0x5C, 0x5C)
            case 0x08: append(0x5C, 0x62)
            case 0x09: append(0x5C, 0x74)
            case 0x0A: append(0x5C, 0x6E)
            case 0x0C: append(0x5C, 0x66)
            case 0x0D: append(0x5C, 0x72)
            default:
                append(0x5C, 0x75, 0x30, 0x30)
                append(Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0x0F))
            }
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        buffer.append(0x22)
        flushIfFull()
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x61 + value - 10
    }

    private mutating func append(_ bytes: UInt8...) {
        for byte in bytes { buffer.append(byte) }
    }

    private mutating func flushIfFull() {
        guard let sink, buffer.count >= pieceSize else { return }
        if sinkError == nil {
            do { try sink(buffer) } catch { sinkError = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
