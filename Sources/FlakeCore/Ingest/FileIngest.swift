/// Reads one file into a parsed log, turning every way a file can be bad into a problem.
enum FileIngest {
    /// One run found in a file: a log is one run; a flaketui JSON export holds many.
    struct IngestedRun: Sendable {
        let log: ParsedLog
        /// Set for exported runs: the path and architecture recorded when they were exported.
        var path: String? = nil
        var arch: (String, ArchSource)? = nil
    }

    struct Outcome: Sendable {
        let runID: Int
        let runs: [IngestedRun]
        let problems: [Problem]
        let bytes: Int

        init(runID: Int, log: ParsedLog?, problems: [Problem], bytes: Int) {
            self.runID = runID
            runs = log.flatMap { $0.isEmpty ? nil : [IngestedRun(log: $0)] } ?? []
            self.problems = problems
            self.bytes = bytes
        }

        init(runID: Int, runs: [IngestedRun], problems: [Problem], bytes: Int) {
            self.runID = runID
            self.runs = runs
            self.problems = problems
            self.bytes = bytes
        }
    }

    static func read(_ file: LogFile, runID: Int, maxBytes: Int, interner: ByteInterner) -> Outcome {
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
        if ExportedReportReader.isExport(bytes) {
            do {
                let runs = try ExportedReportReader.read(bytes)
                return Outcome(runID: runID, runs: runs, problems: problems, bytes: bytes.count)
            } catch {
                problems.append(Problem(path: file.displayPath, message: "flaketui export could not be read: \(error)"))
                return Outcome(runID: runID, runs: [], problems: problems, bytes: bytes.count)
            }
        }
        // Mapped pages already parsed go back to the kernel: memory stays flat however large the file.
        var lines = BufferLines(bytes, releaseEvery: bytes.count > MappedFile.readLimit ? 16 << 20 : 0)
        let log = LogParser(runID: runID, interner: interner).parse(&lines)
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
