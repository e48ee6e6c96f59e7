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
}

/// Lines of a buffer in memory (a mapped file). Pages already read are handed back to the
/// kernel as the scan passes them, so a large file does not stay resident.
struct BufferLines: LineSource {
    let start: UnsafePointer<UInt8>
    let count: Int
    /// Release consumed pages every this many bytes (0: never; for memory that is not a mapping).
    var releaseEvery = 0

    init(_ bytes: UnsafeRawBufferPointer, releaseEvery: Int = 0) {
        start = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
        self.releaseEvery = releaseEvery
    }

    var head: ByteLine { ByteLine(base: start, count: min(count, 4096)) }

    mutating func forEachLine(_ body: (ByteLine) -> Void) {
        var offset = 0, released = 0
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        while offset < count {
            let remaining = count - offset
            if let hit = memchr(start + offset, 0x0A, remaining) {
                let end = start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                body(ByteLine(base: start + offset, count: end - offset))
                offset = end + 1
            } else {
                body(ByteLine(base: start + offset, count: remaining))
                offset = count
            }
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

    /// `next` returns the next chunk (valid until the following call) or nil at the end.
    init(next: @escaping () -> UnsafeRawBufferPointer?) {
        var first: [UInt8] = []
        while first.count < 4096, let chunk = next() { first.append(contentsOf: chunk) }
        readAhead = ReadAhead(first)
        self.next = next
    }

    var head: ByteLine { ByteLine(base: UnsafePointer(readAhead.bytes.baseAddress!), count: min(readAhead.count, 4096)) }

    mutating func forEachLine(_ body: (ByteLine) -> Void) {
        var carry: [UInt8] = []
        func consume(_ base: UnsafePointer<UInt8>, _ count: Int) {
            var offset = 0
            while offset < count {
                guard let hit = memchr(base + offset, 0x0A, count - offset) else {
                    carry.append(contentsOf: UnsafeBufferPointer(start: base + offset, count: count - offset))
                    return
                }
                let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if carry.isEmpty {
                    body(ByteLine(base: base + offset, count: end - offset))
                } else {
                    carry.append(contentsOf: UnsafeBufferPointer(start: base + offset, count: end - offset))
                    carry.withUnsafeBufferPointer { body(ByteLine(base: $0.baseAddress!, count: $0.count)) }
                    carry.removeAll(keepingCapacity: true)
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
        if !carry.isEmpty { carry.withUnsafeBufferPointer { body(ByteLine(base: $0.baseAddress!, count: $0.count)) } }
    }
}
