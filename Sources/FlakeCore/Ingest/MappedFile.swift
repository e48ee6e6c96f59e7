#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes: small files are read into memory, large ones mapped read-only. (Mapping
/// and unmapping thousands of small files from several threads costs more in TLB shootdowns
/// than copying them.) Released when the object goes.
final class MappedFile {
    /// Files up to this size are read, not mapped.
    static let readLimit = 1 << 20

    enum Failure: Error, CustomStringConvertible {
        case open(Int32), stat(Int32), notRegular, map(Int32), read(Int32)

        var description: String {
            switch self {
            case .open(let code): "cannot open: \(String(cString: strerror(code)))"
            case .stat(let code): "cannot stat: \(String(cString: strerror(code)))"
            case .notRegular: "not a regular file"
            case .map(let code): "cannot map: \(String(cString: strerror(code)))"
            case .read(let code): "cannot read: \(String(cString: strerror(code)))"
            }
        }
    }

    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool
    private let allocated: Bool

    /// `scratch`: a worker's buffer, reused from file to file, for a file its folder listing
    /// showed as regular. Most logs fit: they cost an open, one read and a close, with no stat
    /// and no allocation. The bytes are valid until the buffer's next use.
    init(path: String, scratch: ScratchBuffer? = nil) throws(Failure) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .open(errno) }
        defer { close(fd) }
        if let scratch {
            var got = read(fd, scratch.base, scratch.capacity)
            while got < 0, errno == EINTR { got = read(fd, scratch.base, scratch.capacity) }
            guard got >= 0 else { throw .read(errno) }
            // A short read of a regular file is its end.
            if got < scratch.capacity {
                bytes = UnsafeRawBufferPointer(start: got == 0 ? nil : scratch.base, count: got)
                mapped = false
                allocated = false
                return
            }
            // Larger than the buffer: start again the long way.
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw .read(errno) }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .stat(errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegular }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            allocated = false
            return
        }
        if size <= Self.readLimit {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
            var done = 0
            while done < size {
                let got = read(fd, buffer.baseAddress! + done, size - done)
                if got < 0, errno == EINTR { continue }
                guard got >= 0 else {
                    let code = errno
                    buffer.deallocate()
                    throw .read(code)
                }
                if got == 0 { break }  // the file shrank while being read
                done += got
            }
            bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<done])
            mapped = false
            allocated = true
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw .map(errno)
        }
        // Logs are read once, front to back.
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        mapped = true
        allocated = false
    }

    /// A worker's read buffer (see `init(path:scratch:)`).
    final class ScratchBuffer: @unchecked Sendable {
        let capacity: Int
        let base: UnsafeMutableRawPointer

        init(capacity: Int = 256 << 10) {
            self.capacity = capacity
            base = .allocate(byteCount: capacity, alignment: 16)
        }

        deinit { base.deallocate() }
    }

    deinit {
        if mapped, let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        if allocated, let base = bytes.baseAddress { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}
