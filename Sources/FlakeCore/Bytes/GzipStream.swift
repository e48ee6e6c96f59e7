import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inflates a gzip file chunk by chunk, so that memory stays at one input and one output
/// buffer however large the log: what `ChunkedLines` needs. Concatenated members (`cat a.gz
/// b.gz`) are read as one stream. Corruption ends the stream; what came before it is kept and
/// `ending` says what happened.
final class GzipStream {
    enum Ending: Equatable {
        case complete
        /// zlib rejected the data (`invalid distance too far back`, a bad CRC, …).
        case corrupt(String)
        /// The file ended inside a member: a log copied while it was being written.
        case cutOff
        /// Bytes after the last member that are not another member.
        case trailingGarbage
        case readError(String)
    }

    static let inputCapacity = 64 << 10
    static let outputCapacity = 256 << 10

    private let read: (UnsafeMutableRawPointer, Int) -> Int
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let output: UnsafeMutablePointer<UInt8>
    private var initialized = false
    private var endOfInput = false
    /// Between two members: the next byte must start another member or the file must end.
    private var betweenMembers = false
    private(set) var ending: Ending?
    /// Compressed bytes consumed and inflated bytes produced, for the problem message.
    private(set) var bytesIn = 0
    private(set) var bytesOut = 0

    /// `read` fills up to the given count of bytes and returns how many (0 at the end, -1 on error with errno set).
    init(read: @escaping (UnsafeMutableRawPointer, Int) -> Int) {
        self.read = read
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: Self.inputCapacity)
        output = .allocate(capacity: Self.outputCapacity)
        // 15 window bits + 16: a gzip header and trailer, not a raw zlib stream.
        initialized = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        if !initialized { ending = .corrupt("zlib could not start") }
    }

    /// Reads a file descriptor the caller owns.
    convenience init(fileDescriptor fd: Int32) {
        self.init(read: { buffer, count in
            while true {
                let n = systemRead(fd, buffer, count)
                if n < 0, errno == EINTR { continue }
                return n
            }
        })
    }

    /// Reads bytes in memory (fuzzing, tests).
    convenience init(bytes: [UInt8]) {
        var offset = 0
        self.init(read: { buffer, count in
            let n = min(count, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        })
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        output.deallocate()
    }

    /// `1f 8b`: the gzip magic.
    static func isGzip(_ head: ByteLine) -> Bool { head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B }

    /// The next inflated bytes (valid until the following call), or nil at the end of the data.
    func next() -> UnsafeRawBufferPointer? {
        while ending == nil {
            if stream.pointee.avail_in == 0, !endOfInput {
                let n = read(input, Self.inputCapacity)
                if n < 0 {
                    ending = .readError(String(cString: strerror(errno)))
                    return nil
                }
                if n == 0 { endOfInput = true } else {
                    stream.pointee.next_in = input
                    stream.pointee.avail_in = UInt32(n)
                    bytesIn += n
                }
            }
            if stream.pointee.avail_in == 0, endOfInput {
                ending = betweenMembers ? .complete : .cutOff
                return nil
            }
            if betweenMembers {
                // Another member starts with the magic; anything else is trailing junk (often NUL padding).
                guard stream.pointee.next_in[0] == 0x1F else {
                    ending = .trailingGarbage
                    return nil
                }
                betweenMembers = false
            }
            stream.pointee.next_out = output
            stream.pointee.avail_out = UInt32(Self.outputCapacity)
            let before = stream.pointee.avail_in
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = Self.outputCapacity - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK:
                break
            case Z_STREAM_END:
                betweenMembers = true
                _ = inflateReset(stream)
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 || before != stream.pointee.avail_in:
                break  // needs more input
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                ending = .corrupt(message)
            }
            if produced > 0 {
                bytesOut += produced
                return UnsafeRawBufferPointer(start: output, count: produced)
            }
        }
        return nil
    }

    /// What went wrong, for a problem message; nil when the stream was read whole.
    var problem: String? {
        switch ending {
        case .complete, nil: nil
        case .corrupt(let message):
            "corrupt gzip data after \(bytesIn) compressed bytes (\(message)): kept the \(bytesOut) bytes read before it"
        case .cutOff: "gzip file ends in the middle of the stream: kept the \(bytesOut) bytes read"
        case .trailingGarbage: "bytes after the end of the gzip stream: ignored"
        case .readError(let message): "read error in gzip file (\(message)): kept the \(bytesOut) bytes read"
        }
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
