import Foundation

/// Reads one file into a parsed log, turning every way a file can be bad into a problem.
enum FileIngest {
    /// One run found in a file: a log is one run; a flaketui JSON export holds many.
    struct IngestedRun: Sendable {
        let log: ParsedLog
        /// Set for exported runs: the path and architecture recorded when they were exported.
        var path: String? = nil
        var arch: (String, ArchSource)? = nil
        /// What the CI system recorded beside the log.
        var metadata = RunMetadata()
        /// An architecture the CI metadata names (a ProwJob's node selector).
        var metadataArch: (String, ArchSource)? = nil
    }

    /// A file's runs, each as `read`'s `makeRun` made it.
    struct Outcome<Run: Sendable>: Sendable {
        let runID: Int
        let runs: [Run]
        let problems: [Problem]
        let bytes: Int
    }

    /// `makeRun` turns each run into what the caller keeps (a digest), as soon as it is read: an
    /// export holds thousands of runs, and their parsed contents all at once were most of the
    /// memory a merge took (1.1 GB for an 880 MB export).
    /// `keepPassingMessages`: whether tests that did not fail keep their messages (only the
    /// JSON report's run contents show them).
    static func read<Run: Sendable>(
        _ file: LogFile, runID: Int, maxBytes: Int, interner: ByteInterner, scratch: MappedFile.ScratchBuffer? = nil,
        keepPassingMessages: Bool = true, makeRun: (IngestedRun) -> Run
    ) -> Outcome<Run> {
        var problems: [Problem] = []
        func problem(_ message: String) { problems.append(Problem(path: file.displayPath, message: message)) }
        var metadata = RunMetadata()
        var metadataArch: (String, ArchSource)?
        switch file.role {
        case .plain: break
        case .bazel: metadata.layout = .bazel
        case .githubActionsJob: metadata.layout = .githubActions
        case .prow(let prow):
            metadata = prow.metadata
            metadataArch = prow.arch
            prow.problems.forEach(problem)
        }
        func outcome(_ log: ParsedLog?, bytes: Int) -> Outcome<Run> {
            guard var log, !log.isEmpty else { return Outcome(runID: runID, runs: [], problems: problems, bytes: bytes) }
            if log.format != .junit { log.warnings += InterleavedRuns.warnings(log) }
            if case .bazel = file.role, let label = BazelTarget.label(forPath: file.absolutePath) {
                log = BazelTarget.naming(log, unnamedPackageAs: label)
            }
            let run = IngestedRun(log: log, metadata: metadata, metadataArch: metadataArch)
            return Outcome(runID: runID, runs: [makeRun(run)], problems: problems, bytes: bytes)
        }

        if case .githubActionsJob(let steps) = file.role, !steps.isEmpty {
            let chunks = FileChunks(paths: steps)
            var bytes = 0
            var lines = QualityCheckedLines(ChunkedLines { chunks.next().map { bytes += $0.count; return $0 } })
            let log = parse(&lines, runID: runID, interner: interner, keepPassingMessages: keepPassingMessages, metadata: &metadata)
            for failure in chunks.failures { problem("\(CILayouts.baseName(failure.path)): \(failure.message)") }
            report(lines.quality, lines.base.longLines, cap: lines.base.maxLineBytes, into: problem)
            return outcome(log, bytes: bytes)
        }

        let mapped: MappedFile
        do {
            mapped = try MappedFile(path: file.absolutePath, scratch: file.listedAsRegular ? scratch : nil)
        } catch {
            problem("\(error)")
            return Outcome(runID: runID, runs: [], problems: problems, bytes: 0)
        }
        var bytes = mapped.bytes
        guard bytes.count > 0 else {
            problem("empty file")
            return Outcome(runID: runID, runs: [], problems: problems, bytes: 0)
        }
        let head = ByteLine(base: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: min(bytes.count, 8192))
        if GzipStream.isGzip(head) {
            return outcome(
                readGzip(
                    file, runID: runID, maxBytes: maxBytes, interner: interner, keepPassingMessages: keepPassingMessages,
                    metadata: &metadata, problem: problem),
                           bytes: bytes.count)
        }
        if let kind = BinarySniffer.binaryKind(head) {
            problem("binary file (\(kind)): skipped")
            return Outcome(runID: runID, runs: [], problems: problems, bytes: 0)
        }
        if bytes.count > maxBytes {
            problem("larger than \(maxBytes) bytes: read the first \(maxBytes)")
            bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<maxBytes])
        }
        if ExportedReportReader.isExport(bytes) {
            do {
                var runs: [Run] = []
                try ExportedReportReader.read(bytes, interner: interner, releaseEvery: releaseEvery(bytes)) { runs.append(makeRun($0)) }
                return Outcome(runID: runID, runs: runs, problems: problems, bytes: bytes.count)
            } catch {
                problem("flaketui export could not be read: \(error)")
                return Outcome(runID: runID, runs: [], problems: problems, bytes: bytes.count)
            }
        }
        // The display path ends in the same name, and is not built for the asking.
        if isXMLName(file.displayPath), JUnitReader.looksLikeJUnit(head) {
            // The mapping outlives the parse: no copy.
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress!), count: bytes.count, deallocator: .none)
            let log = withExtendedLifetime(mapped) { JUnitReader(runID: runID, interner: interner).read(data) }
            return outcome(log, bytes: bytes.count)
        }
        // Mapped pages already parsed go back to the kernel: memory stays flat however large the file.
        var lines = QualityCheckedLines(BufferLines(bytes, releaseEvery: releaseEvery(bytes)))
        let log = parse(
            &lines, runID: runID, interner: interner, keepPassingMessages: keepPassingMessages, metadata: &metadata, size: bytes.count)
        report(lines.quality, lines.base.longLines, cap: lines.base.maxLineBytes, into: problem)
        return outcome(log, bytes: bytes.count)
    }

    /// Larger files are mappings (see `MappedFile`): read once, front to back, they give their
    /// pages back every 16 MB so that a big file is never resident whole.
    private static func releaseEvery(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count > MappedFile.readLimit ? 16 << 20 : 0
    }

    /// Parses text lines, taking the start time from a GitHub Actions timestamp on the first line.
    private static func parse(
        _ lines: inout some LineSource, runID: Int, interner: ByteInterner, keepPassingMessages: Bool, metadata: inout RunMetadata,
        size: Int = 0
    ) -> ParsedLog {
        if let start = GitHubActionsTimestamp.parse(lines.head) {
            if metadata.startTime == nil { metadata.startTime = start }
            if metadata.layout == nil { metadata.layout = .githubActions }
        }
        return LogParser(runID: runID, interner: interner, fileSize: size, keepPassingMessages: keepPassingMessages).parse(&lines)
    }

    /// Streams a `.gz` file through zlib into the parser; never inflated whole.
    private static func readGzip(
        _ file: LogFile, runID: Int, maxBytes: Int, interner: ByteInterner, keepPassingMessages: Bool, metadata: inout RunMetadata,
        problem: (String) -> Void
    ) -> ParsedLog? {
        let fd: Int32
        switch FileChunks.openRegular(file.absolutePath) {
        case .success(let opened): fd = opened
        case .failure(let failure):
            problem("\(failure)")
            return nil
        }
        defer { close(fd) }
        let gzip = GzipStream(fileDescriptor: fd)
        var inflated = 0
        var capped = false
        let next = { () -> UnsafeRawBufferPointer? in
            guard !capped, let chunk = gzip.next() else { return nil }
            if inflated + chunk.count > maxBytes {
                capped = true
                return UnsafeRawBufferPointer(rebasing: chunk[0..<(maxBytes - inflated)])
            }
            inflated += chunk.count
            return chunk
        }
        var lines = QualityCheckedLines(ChunkedLines(next: next))
        if let kind = BinarySniffer.binaryKind(lines.head) {
            problem("gzip file holds binary data (\(kind)): skipped")
            return nil
        }
        var log: ParsedLog?
        if isXMLName(String(file.absolutePath.dropLast(3))), JUnitReader.looksLikeJUnit(lines.head) {
            // XMLParser wants the document; JUnit files are small next to logs, but still capped.
            var document: [UInt8] = []
            lines.forEachLine { line in
                document.append(contentsOf: UnsafeBufferPointer(start: line.base, count: line.count))
                document.append(0x0A)
            }
            log = JUnitReader(runID: runID, interner: interner).read(Data(document))
        } else {
            log = parse(&lines, runID: runID, interner: interner, keepPassingMessages: keepPassingMessages, metadata: &metadata)
            report(lines.quality, lines.base.longLines, cap: lines.base.maxLineBytes, into: problem)
        }
        if capped { problem("inflates to more than \(maxBytes) bytes: read the first \(maxBytes)") }
        if let message = gzip.problem { problem(message) }
        return log
    }

    private static func report(_ quality: TextQuality, _ long: LongLines, cap: Int, into problem: (String) -> Void) {
        quality.problems.forEach(problem)
        if let message = long.problem(cap: cap) { problem(message) }
    }

    /// `.xml` in any case, by bytes: every file is asked, and lowercasing its whole path was not free.
    static func isXMLName(_ path: String) -> Bool {
        ByteLine.withBytes(of: path) { bytes in
            guard bytes.count >= 4 else { return false }
            let tail = bytes.dropFirst(bytes.count - 4)
            return tail[0] == 0x2E && tail[1] | 0x20 == 0x78 && tail[2] | 0x20 == 0x6D && tail[3] | 0x20 == 0x6C
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
