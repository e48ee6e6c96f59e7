#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file, unmapped when released.
final class MappedFile {
    enum Failure: Error, CustomStringConvertible {
        case open(Int32), stat(Int32), notRegular, map(Int32)

        var description: String {
            switch self {
            case .open(let code): "cannot open: \(String(cString: strerror(code)))"
            case .stat(let code): "cannot stat: \(String(cString: strerror(code)))"
            case .notRegular: "not a regular file"
            case .map(let code): "cannot map: \(String(cString: strerror(code)))"
            }
        }
    }

    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    init(path: String) throws(Failure) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .open(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .stat(errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegular }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw .map(errno)
        }
        // Logs are read once, front to back.
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        mapped = true
    }

    deinit {
        if mapped, let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
