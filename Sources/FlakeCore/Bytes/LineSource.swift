import CByteScan

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a parser's lines come from: a mapped file, or chunks from a decompressor. Lines are
/// handed out without their newline and are valid only inside the callback.
protocol LineSource {
    /// The first bytes, for sniffing the format (at most a few KiB).
    var head: ByteLine { get }
    mutating func forEachLine(_ body: (ByteLine) -> Void)
    /// Lines, each with the bytes that follow its newline when they are in memory (else nil),
    /// and whether its bytes are plain ASCII (no NUL, no ESC, no byte ≥ 0x80) when the source
    /// learnt it finding the line's end (else nil). `body` returns the whole lines of those
    /// after it that it has read itself, which are stepped over.
    mutating func forEachLine(checkingPlain body: (ByteLine, ByteLine?, Bool?) -> SkippedLines)
}

/// Whole lines after the current one that a parser read on its own, for the source to step over.
struct SkippedLines {
    var bytes = 0
    var lines = 0

    static let none = SkippedLines()
}

extension LineSource {
    mutating func forEachLine(checkingPlain body: (ByteLine, ByteLine?, Bool?) -> SkippedLines) {
        forEachLine { _ = body($0, nil, nil) }
    }
}

/// Lines of a buffer in memory (a mapped file). Pages already read are handed back to the
/// kernel as the scan passes them, so a large file does not stay resident.
struct BufferLines: LineSource {
    let start: UnsafePointer<UInt8>
    let count: Int
    /// Release consumed pages every this many bytes (0: never; for memory that is not a mapping).
    var releaseEvery = 0
    /// Longer lines are handed out cut to this many bytes.
    let maxLineBytes: Int
    private(set) var longLines = LongLines()

    init(_ bytes: UnsafeRawBufferPointer, releaseEvery: Int = 0, maxLineBytes: Int = LongLines.defaultCap) {
        start = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
        self.releaseEvery = releaseEvery
        self.maxLineBytes = maxLineBytes
    }

    var head: ByteLine { ByteLine(base: start, count: min(count, 4096)) }

    mutating func forEachLine(_ body: (ByteLine) -> Void) {
        forEachLine(checkingPlain: { line, _, _ in
            body(line)
            return .none
        })
    }

    /// Each line's end is found by `flaketui_line_end`, which checks the line's bytes on the
    /// way: a check of its own, over the whole file first, was a tenth of the time of a folder
    /// of lane logs (it brought the file in from memory with nothing to overlap the wait).
    mutating func forEachLine(checkingPlain body: (ByteLine, ByteLine?, Bool?) -> SkippedLines) {
        var offset = 0, released = 0, lineNumber = 0
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var plain = false
        while offset < count {
            let length = flaketui_line_end(start + offset, count - offset, &plain)
            let next = min(offset + length + 1, count)
            lineNumber += 1
            if length > maxLineBytes { longLines.record(line: lineNumber, length: length) }
            let following = ByteLine(base: start + next, count: count - next)
            let skipped = body(ByteLine(base: start + offset, count: min(length, maxLineBytes)), following, plain)
            offset = next + skipped.bytes
            lineNumber += skipped.lines
            if releaseEvery > 0, offset - released >= releaseEvery {
                // Whole pages only, and never the page the next line starts in.
                let upTo = (offset / page) * page
                if upTo > released {
                    _ = madvise(UnsafeMutableRawPointer(mutating: start + released), upTo - released, MADV_DONTNEED)
                    released = upTo
                }
            }
        }
    }
}

/// Lines assembled from a sequence of chunks (a streamed decompressor): a line that spans two
/// chunks is carried over, so memory stays bounded by the chunk and the longest line.
struct ChunkedLines: LineSource {
    /// The bytes read ahead for `head`, owned here so that `head` stays valid.
    private final class ReadAhead {
        let bytes: UnsafeMutableBufferPointer<UInt8>

        init(_ array: [UInt8]) {
            bytes = .allocate(capacity: max(1, array.count))
            _ = bytes.initialize(from: array)
            count = array.count
        }

        let count: Int

        deinit { bytes.deallocate() }
    }

    private let readAhead: ReadAhead
    private var readAheadConsumed = false
    private let next: () -> UnsafeRawBufferPointer?
    /// A longer line keeps only this many bytes: the carry never grows past it.
    let maxLineBytes: Int
    private(set) var longLines = LongLines()

    /// `next` returns the next chunk (valid until the following call) or nil at the end.
    init(maxLineBytes: Int = LongLines.defaultCap, next: @escaping () -> UnsafeRawBufferPointer?) {
        self.maxLineBytes = maxLineBytes
        var first: [UInt8] = []
        while first.count < 4096, let chunk = next() { first.append(contentsOf: chunk) }
        readAhead = ReadAhead(first)
        self.next = next
    }

    var head: ByteLine { ByteLine(base: UnsafePointer(readAhead.bytes.baseAddress!), count: min(readAhead.count, 4096)) }

    mutating func forEachLine(_ body: (ByteLine) -> Void) {
        var carry: [UInt8] = []
        // Length of the line being carried, including what was dropped beyond the cap.
        var carriedLength = 0
        var lineNumber = 0
        let cap = maxLineBytes
        var long = longLines
        defer { longLines = long }
        func keep(_ base: UnsafePointer<UInt8>, _ count: Int) {
            let room = max(0, cap - carry.count)
            carry.append(contentsOf: UnsafeBufferPointer(start: base, count: min(count, room)))
            carriedLength += count
        }
        func emitCarry() {
            lineNumber += 1
            if carriedLength > cap { long.record(line: lineNumber, length: carriedLength) }
            carry.withUnsafeBufferPointer { body(ByteLine(base: $0.baseAddress!, count: $0.count)) }
            carry.removeAll(keepingCapacity: carry.capacity <= 1 << 20)
            carriedLength = 0
        }
        func consume(_ base: UnsafePointer<UInt8>, _ count: Int) {
            var offset = 0
            while offset < count {
                guard let hit = memchr(base + offset, 0x0A, count - offset) else {
                    keep(base + offset, count - offset)
                    return
                }
                let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if carriedLength == 0 {
                    lineNumber += 1
                    let length = end - offset
                    if length > cap { long.record(line: lineNumber, length: length) }
                    body(ByteLine(base: base + offset, count: min(length, cap)))
                } else {
                    keep(base + offset, end - offset)
                    emitCarry()
                }
                offset = end + 1
            }
        }
        if !readAheadConsumed {
            consume(UnsafePointer(readAhead.bytes.baseAddress!), readAhead.count)
            readAheadConsumed = true
        }
        while let chunk = next() {
            guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { continue }
            consume(base, chunk.count)
        }
        if carriedLength > 0 { emitCarry() }
    }
}
