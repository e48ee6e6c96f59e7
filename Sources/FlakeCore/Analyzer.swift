import Dispatch

/// What the user asked for.
public struct AnalyzeOptions: Sendable {
    /// `--arch-from`: a regular expression with one capture group over the relative path.
    public var archFrom: String?
    public var signature: SignatureOptions
    /// Files larger than this are still read, but only up to it, and reported.
    public var maxFileBytes: Int
    /// Parallel workers; nil = one per core.
    public var workers: Int?

    public init(
        archFrom: String? = nil, signature: SignatureOptions = SignatureOptions(), maxFileBytes: Int = 64 << 30,
        workers: Int? = nil
    ) {
        self.archFrom = archFrom
        self.signature = signature
        self.maxFileBytes = maxFileBytes
        self.workers = workers
    }
}

public struct AnalyzeResult: Sendable {
    public let analysis: Analysis
    /// Absolute (or as given) path of every run's file, indexed by run id: what a log viewer opens.
    public let filePaths: [String]
    /// Files with no Go test output at all (notes, JSON metadata): skipped silently but counted.
    public let skippedFiles: Int
    public let bytesRead: Int
    /// What each run's log said, kept for the JSON report so that flaketui can merge exports.
    let runContents: [ParsedLog]
}

public enum AnalyzeError: Error, CustomStringConvertible {
    case missingPath(String)
    case badArchPattern(String)
    case noLogs([String])

    public var description: String {
        switch self {
        case .missingPath(let path): "\(path): no such file or directory"
        case .badArchPattern(let message): "--arch-from: \(message)"
        case .noLogs(let paths): "no Go test logs found in \(paths.joined(separator: ", "))"
        }
    }
}

/// files → parsed logs → runs → groups: the one-way pipeline behind every view and export.
public enum Analyzer {
    public static func analyze(paths: [String], options: AnalyzeOptions = AnalyzeOptions()) throws(AnalyzeError) -> AnalyzeResult {
        let discovery: LogDiscovery.Result
        do {
            discovery = try LogDiscovery.discover(paths)
        } catch {
            throw .missingPath(error.description.components(separatedBy: ":").first ?? "")
        }
        let inference: ArchInference
        do {
            inference = try ArchInference(archFrom: options.archFrom)
        } catch {
            throw .badArchPattern("\(error)")
        }

        let files = discovery.files
        let interner = StringInterner()
        let outcomes = ParallelMap.run(count: files.count, workers: options.workers) { index in
            FileIngest.read(files[index], runID: index, maxBytes: options.maxFileBytes, interner: interner)
        }

        var runs: [Run] = []
        var logs: [ParsedLog] = []
        var filePaths: [String] = []
        var problems = discovery.problems
        var skipped = 0
        var bytes = 0
        for (file, outcome) in zip(files, outcomes) {
            bytes += outcome.bytes
            problems += outcome.problems
            if outcome.runs.isEmpty, outcome.problems.isEmpty { skipped += 1 }
          for ingested in outcome.runs {
            var log = ingested.log
            let id = runs.count
            log = renumbered(log, to: id)
            let path = ingested.path ?? file.displayPath
            let (arch, source) =
                ingested.arch
                ?? inference.fromPath(path)
                ?? log.contentArch.map { ($0.arch, ArchSource.content($0.evidence)) }
                ?? ("unknown", .unknown)
            let packages = Set(log.packages.map(\.name) + log.tests.map(\.package) + log.races.map(\.package))
            let failed = log.packages.contains { $0.outcome == .failed || $0.outcome == .buildFailed }
                || !log.panics.isEmpty || log.tests.contains { $0.outcome == .failed }
            runs.append(
                Run(
                    id: id, path: path, arch: arch, archSource: source, format: log.format,
                    packages: packages, failed: failed, hasRace: !log.races.isEmpty, goVersion: log.goVersion))
            for warning in log.warnings { problems.append(Problem(path: path, message: warning)) }
            logs.append(log)
            filePaths.append(file.absolutePath)
          }
        }
        guard !runs.isEmpty else { throw .noLogs(paths) }

        var grouper = Grouper(runs: runs, options: options.signature)
        let (groups, tests) = grouper.build(logs: logs)
        let arches = Dictionary(grouping: runs, by: \.arch).keys.sorted().map { arch in
            let ofArch = runs.filter { $0.arch == arch }
            return ArchSummary(
                arch: arch, runs: ofArch.count, failedRuns: ofArch.filter(\.failed).count,
                raceRuns: ofArch.filter(\.hasRace).count)
        }
        let analysis = Analysis(runs: runs, arches: arches, groups: groups, tests: tests, problems: problems)
        return AnalyzeResult(
            analysis: analysis, filePaths: filePaths, skippedFiles: skipped, bytesRead: bytes, runContents: logs)
    }

    /// Occurrences carry the run id they were parsed with; skipped files shift the ids.
    private static func renumbered(_ log: ParsedLog, to id: Int) -> ParsedLog {
        var copy = log
        guard copy.races.first?.report.occurrence.runID != id else { return copy }
        for i in copy.races.indices {
            let old = copy.races[i].report.occurrence
            copy.races[i].report.occurrence = Occurrence(runID: id, line: old.line)
        }
        return copy
    }
}

/// Runs `body` for 0..<count on several threads; results come back in index order, so the
/// outcome never depends on scheduling.
enum ParallelMap {
    static func run<T: Sendable>(count: Int, workers: Int?, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = ResultSlots<T>(count: count)
        let threads = max(1, workers ?? ProcessInfoCores.count)
        if threads == 1 || count < 2 {
            for i in 0..<count { slots.store(body(i), at: i) }
        } else {
            let next = AtomicCounter()
            DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
                while true {
                    let i = next.increment()
                    guard i < count else { break }
                    slots.store(body(i), at: i)
                }
            }
        }
        return slots.values()
    }
}

/// Each index is written by exactly one worker, before `values()` reads them all.
private final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ value: T, at index: Int) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    func values() -> [T] { storage.map { $0! } }
}

import Synchronization

private final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)

    func increment() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

enum ProcessInfoCores {
    static var count: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
