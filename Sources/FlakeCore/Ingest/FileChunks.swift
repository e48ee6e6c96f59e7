#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files one after another in fixed chunks: the step files of a GitHub Actions job as one
/// log, or a file whose bytes go through a decompressor. Every file is opened without blocking
/// and must be a regular file (a FIFO swapped in after discovery is refused, not waited on).
final class FileChunks {
    static let chunkSize = 256 << 10

    private let paths: [String]
    private var nextPath = 0
    private var fd: Int32 = -1
    private let buffer: UnsafeMutableRawPointer
    /// Why a file could not be read, by path.
    private(set) var failures: [(path: String, message: String)] = []

    init(paths: [String]) {
        self.paths = paths
        buffer = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    deinit {
        if fd >= 0 { close(fd) }
        buffer.deallocate()
    }

    /// Opens `path` for reading without blocking on a FIFO or device; a regular file only.
    static func openRegular(_ path: String) -> Result<Int32, MappedFile.Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.open(errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            return .failure(.stat(code))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(.notRegular)
        }
        return .success(fd)
    }

    func next() -> UnsafeRawBufferPointer? {
        while true {
            if fd < 0 {
                guard nextPath < paths.count else { return nil }
                let path = paths[nextPath]
                nextPath += 1
                switch Self.openRegular(path) {
                case .success(let opened): fd = opened
                case .failure(let failure):
                    failures.append((path, failure.description))
                    continue
                }
            }
            let n = read(fd, buffer, Self.chunkSize)
            if n > 0 { return UnsafeRawBufferPointer(start: buffer, count: n) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { failures.append((paths[nextPath - 1], "read error: \(String(cString: strerror(errno)))")) }
            close(fd)
            fd = -1
        }
    }
}
