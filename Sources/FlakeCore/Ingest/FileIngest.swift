/// Reads one file into a parsed log, turning every way a file can be bad into a problem.
enum FileIngest {
    struct Outcome: Sendable {
        let runID: Int
        let log: ParsedLog?
        let problems: [Problem]
        let bytes: Int
    }

    static func read(_ file: LogFile, runID: Int, maxBytes: Int) -> Outcome {
        let mapped: MappedFile
        do {
            mapped = try MappedFile(path: file.absolutePath)
        } catch {
            return Outcome(runID: runID, log: nil, problems: [Problem(path: file.displayPath, message: "\(error)")], bytes: 0)
        }
        var bytes = mapped.bytes
        guard bytes.count > 0 else {
            return Outcome(runID: runID, log: nil, problems: [Problem(path: file.displayPath, message: "empty file")], bytes: 0)
        }
        var problems: [Problem] = []
        if Self.isBinary(bytes) {
            return Outcome(
                runID: runID, log: nil,
                problems: [Problem(path: file.displayPath, message: "binary file (NUL bytes near the start): skipped")],
                bytes: 0)
        }
        if bytes.count > maxBytes {
            problems.append(Problem(path: file.displayPath, message: "larger than \(maxBytes) bytes: read the first \(maxBytes)"))
            bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<maxBytes])
        }
        let log = LogParser(runID: runID).parse(bytes)
        return Outcome(runID: runID, log: log, problems: problems, bytes: bytes.count)
    }

    /// NUL bytes in the first 8 KiB: an executable, an archive, an image.
    static func isBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let head = min(bytes.count, 8192)
        return memchr(bytes.baseAddress!, 0, head) != nil
    }
}

#if canImport(Glibc)
import Glibc
#endif
