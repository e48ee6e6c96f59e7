import FlakeCore
import Foundation

/// Where the raw lines of a run come from; injected so tests and the benchmark need no files.
public protocol LogSource: Sendable {
    /// The file's lines (1-based line n is element n-1), or a message saying why not.
    func lines(of run: Run) -> Result<[String], LogSourceError>
    /// The path to hand to `$PAGER`, when there is a file.
    func filePath(of run: Run) -> String?
}

public struct LogSourceError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Reads runs from disk through the analyzer's table of file paths (indexed by run id).
public struct FileLogSource: LogSource {
    public let filePaths: RunFilePaths

    public init(filePaths: RunFilePaths) { self.filePaths = filePaths }

    public func filePath(of run: Run) -> String? { filePaths.path(of: run) }

    public func lines(of run: Run) -> Result<[String], LogSourceError> {
        guard let path = filePath(of: run) else { return .failure(LogSourceError("no file recorded for \(run.path)")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(LogSourceError("cannot read \(path)"))
        }
        var lines = String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == "\r" ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        return .success(lines)
    }
}

/// A log source with no files, for analyses built in memory.
public struct NoLogSource: LogSource {
    public init() {}
    public func lines(of run: Run) -> Result<[String], LogSourceError> { .failure(LogSourceError("no log files")) }
    public func filePath(of run: Run) -> String? { nil }
}
