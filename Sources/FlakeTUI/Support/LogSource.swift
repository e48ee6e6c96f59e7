import FlakeCore
import Foundation

/// Where the raw lines of a run come from; injected so tests and the benchmark need no files.
public protocol LogSource: Sendable {
    /// The file's lines (1-based line n is element n-1), or a message saying why not.
    func lines(of run: Run) -> Result<[String], LogSourceError>
    /// The absolute path for `$PAGER`, when there is a file.
    func filePath(of run: Run) -> String?
}

public struct LogSourceError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Reads runs from disk. A run's `path` is relative to the directory the user named (or as
/// given when the user named a file), so each root is tried in turn.
public struct FileLogSource: LogSource {
    public let roots: [String]

    public init(roots: [String]) { self.roots = roots }

    public func filePath(of run: Run) -> String? {
        let manager = FileManager.default
        if run.path.hasPrefix("/") { return run.path }
        for root in roots {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let candidate = URL(fileURLWithPath: root).appendingPathComponent(run.path).path
                if manager.fileExists(atPath: candidate) { return absolute(candidate) }
            } else if run.path == root || URL(fileURLWithPath: root).lastPathComponent == run.path {
                return absolute(root)
            }
        }
        return manager.fileExists(atPath: run.path) ? absolute(run.path) : nil
    }

    public func lines(of run: Run) -> Result<[String], LogSourceError> {
        guard let path = filePath(of: run) else { return .failure(LogSourceError("cannot find \(run.path)")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(LogSourceError("cannot read \(path)"))
        }
        var lines = String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == "\r" ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        return .success(lines)
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// A log source with no files, for analyses built in memory.
public struct NoLogSource: LogSource {
    public init() {}
    public func lines(of run: Run) -> Result<[String], LogSourceError> { .failure(LogSourceError("no log files")) }
    public func filePath(of run: Run) -> String? { nil }
}
