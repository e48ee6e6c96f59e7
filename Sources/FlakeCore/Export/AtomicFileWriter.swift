import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an export where the user asked:
/// - `-`: standard output;
/// - the job summary file (`$GITHUB_STEP_SUMMARY`, given as its path or as that literal text):
///   appended to, because every step of a GitHub Actions job writes to the same file and
///   replacing it would erase what earlier steps wrote;
/// - any other path: a temporary file in the same folder, flushed to disk, then renamed over
///   the target, so a reader never sees half a file and a failed write leaves the old one.
public enum AtomicFileWriter {
    public enum Destination: Sendable, Hashable {
        case standardOutput
        case appended(path: String)
        case replaced(path: String)
    }

    public static let stepSummaryVariable = "GITHUB_STEP_SUMMARY"

    /// Where `target` resolves to, without writing.
    public static func destination(
        for target: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ExportWriteError) -> Destination {
        if target == "-" { return .standardOutput }
        let summary = environment[stepSummaryVariable].flatMap { $0.isEmpty ? nil : $0 }
        if target == "$" + stepSummaryVariable {
            guard let summary else { throw .stepSummaryUnset }
            return .appended(path: summary)
        }
        if let summary, samePath(target, summary) { return .appended(path: summary) }
        return .replaced(path: target)
    }

    @discardableResult
    public static func write(
        _ text: String, to target: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Destination {
        try write(to: target, environment: environment) { sink in try sink(Array(text.utf8)) }
    }

    /// `produce` hands its bytes to the sink in pieces, so a big report never sits in memory
    /// whole. When it throws, a replaced file keeps its old contents.
    @discardableResult
    public static func write(
        to target: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        _ produce: (_ sink: @escaping ([UInt8]) throws -> Void) throws -> Void
    ) throws -> Destination {
        let destination = try destination(for: target, environment: environment)
        switch destination {
        case .standardOutput:
            try produce { try writeAll($0, to: STDOUT_FILENO, path: "standard output") }
        case .appended(let path):
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw ExportWriteError.system(path: path, operation: "open", errno: errno) }
            defer { close(fd) }
            try produce { try writeAll($0, to: fd, path: path) }
        case .replaced(let path):
            try replace(path) { fd, temporary in try produce { try writeAll($0, to: fd, path: temporary) } }
        }
        return destination
    }

    private static func replace(_ path: String, writing body: (_ fd: Int32, _ temporary: String) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExportWriteError.isDirectory(path: path)
        }
        // Same folder, so the rename stays on one file system and is atomic.
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).flaketui-\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        // 0666 before the umask: the permissions a plain `>` redirection would give.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw ExportWriteError.system(path: path, operation: "create a temporary file for", errno: errno) }
        // Replacing a file keeps its permissions, as writing into it would.
        var existing = stat()
        if stat(path, &existing) == 0 { fchmod(fd, existing.st_mode & 0o7777) }
        do {
            try body(fd, temporary)
            guard fsync(fd) == 0 else { throw ExportWriteError.system(path: temporary, operation: "flush", errno: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ExportWriteError.system(path: path, operation: "rename onto", errno: code)
        }
    }

    private static func writeAll(_ data: [UInt8], to fd: Int32, path: String) throws(ExportWriteError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in
                posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .system(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }

    private static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }
}

public enum ExportWriteError: Error, CustomStringConvertible, Equatable {
    case stepSummaryUnset
    case isDirectory(path: String)
    case system(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .stepSummaryUnset:
            "$GITHUB_STEP_SUMMARY is not set (it exists only inside a GitHub Actions job)"
        case .isDirectory(let path):
            "\(path): is a directory"
        case .system(let path, let operation, let code):
            "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// The system call, named apart from `AtomicFileWriter.write`.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
