import Foundation

/// What the user asked for.
public struct AnalyzeOptions: Sendable {
    /// `--arch-from`: a regular expression with one capture group over the relative path.
    public var archFrom: String?
    public var signature: SignatureOptions
    /// Files larger than this are still read, but only up to it, and reported.
    public var maxFileBytes: Int
    /// Parallel workers; nil = one per core.
    public var workers: Int?
    /// Keep what every run's log said, for the JSON report (whose exports can be merged). The
    /// dashboard and the text report do not need it: without it memory stays flat.
    public var keepRunContents: Bool
    /// Called on the calling thread after each batch of files, for a progress line.
    public var progress: (@Sendable (IngestProgress) -> Void)?

    public init(
        archFrom: String? = nil, signature: SignatureOptions = SignatureOptions(), maxFileBytes: Int = 64 << 30,
        workers: Int? = nil, keepRunContents: Bool = true, progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) {
        self.archFrom = archFrom
        self.signature = signature
        self.maxFileBytes = maxFileBytes
        self.workers = workers
        self.keepRunContents = keepRunContents
        self.progress = progress
    }
}

/// How far ingest has got.
public struct IngestProgress: Sendable {
    public let filesDone: Int
    public let filesTotal: Int
    /// Sizes are learnt as files are read (the folder walk does not stat them): no byte total.
    public let bytesDone: Int
    /// Whether the walk has listed every file (`filesTotal` grows until it has).
    public let listingComplete: Bool
}

public struct AnalyzeResult: Sendable {
    public let analysis: Analysis
    /// Absolute (or as given) path of every run's file, indexed by run id: what a log viewer opens.
    public let filePaths: RunFilePaths
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

extension AnalyzeError {
    init(_ failure: LogDiscovery.Failure) {
        switch failure {
        case .missing(let path): self = .missingPath(path)
        }
    }
}

/// files → parsed logs → runs → groups: the one-way pipeline behind every view and export.
public enum Analyzer {
    public static func analyze(paths: [String], options: AnalyzeOptions = AnalyzeOptions()) throws(AnalyzeError) -> AnalyzeResult {
        let walk: DiscoveryStream
        do {
            walk = try DiscoveryStream(paths: paths)
        } catch {
            throw AnalyzeError(error)
        }
        // What each worker thread keeps from file to file: no locks on the hot path.
        let pool = WorkerPool(threads: ParallelMap.threads(options.workers))
        defer { pool.finish() }
        var workers: [IngestWorker]
        do {
            workers = try (0..<pool.threads).map { _ in
                try IngestWorker(inference: ArchInference(archFrom: options.archFrom))
            }
        } catch {
            throw .badArchPattern("\(error)")
        }

        // Files are parsed as the walk lists them. A CI layout can make files metadata and order
        // runs by start time, which needs the whole listing: when one shows up, what was read
        // so far is dropped, and the folders are listed again, whole, and arranged.
        var fold: RunFold
        let walkProblems: [Problem]
        if let streamed = ingest(.walk(walk), options: options, pool: pool, workers: workers) {
            fold = streamed
            walkProblems = walk.problemsWhenDone()
        } else {
            walk.cancel()
            // What was read so far is read again.
            for worker in workers { worker.tallies = TestTallies() }
            let listing: LogDiscovery.Result
            do {
                listing = try LogDiscovery.discover(paths)
            } catch {
                throw AnalyzeError(error)
            }
            let arrangement = CILayouts.arrange(listing.files)
            fold = ingest(.arranged(arrangement.files), options: options, pool: pool, workers: workers)!
            fold.skipped += arrangement.notRuns
            walkProblems = listing.problems
        }
        guard fold.runCount > 0 else { throw .noLogs(paths) }
        var tallies = TestTallies()
        for worker in workers { tallies.merge(worker.tallies) }
        // The workers' memos and tables are freed on a thread of their own while this one groups
        // and the caller renders (freeing them here cost a third as much as the grouping). They
        // are moved, not copied, to that thread: with a copy left here, this thread often let go
        // last and freed them after all.
        let retired = RetiredWorkers()
        swap(&retired.workers, &workers)
        Thread.detachNewThread { retired.workers = [] }
        return fold.finish(walkProblems: walkProblems, tallies: tallies)
    }

    /// Where the batches take their files from: the walk as it goes, or an arranged listing.
    private enum FileFeed {
        case walk(DiscoveryStream)
        case arranged([LogFile])

        /// The `count` files after the first `start` (the walk hands each file out once, in order).
        func files(from start: Int, count: Int) -> ArraySlice<LogFile> {
            switch self {
            case .walk(let walk): walk.next(count)[...]
            case .arranged(let files): files[min(start, files.count)..<min(start + count, files.count)]
            }
        }
    }

    /// Parses the feed's files in batches and folds them in file order; nil when the walk shows a
    /// CI layout (see `analyze`).
    private static func ingest(_ feed: FileFeed, options: AnalyzeOptions, pool: WorkerPool, workers: [IngestWorker]) -> RunFold? {
        var fold = RunFold(signature: options.signature)
        var bytesParsed = 0
        var layoutFound = false
        // Files go in batches (about 16 MB, by the average file size so far, at least four files
        // a worker, and at most 1,024 files): parsed in parallel, then folded in file order (so
        // the result does not depend on scheduling) and dropped, so that memory does not grow
        // with the logs. Two batches are queued on the workers while the one before them is
        // folded here, so that a batch's last files overlap the next batch's first. Nothing is
        // known of the sizes before a batch is back (the walk does not stat), so the first ones
        // are small: a lane's log is megabytes, and 256 of them at once held 300 MB of parsed logs.
        var filesStarted = 0, filesParsed = 0
        func startBatch() -> (files: [LogFile], job: PendingJob<(outcome: FileOutcome, worker: Int)>)? {
            guard !layoutFound else { return nil }
            let smallest = 4 * pool.threads
            let count = filesParsed == 0 ? smallest : max(smallest, min(1024, (16 << 20) / max(1, bytesParsed / filesParsed)))
            let files = feed.files(from: filesStarted, count: count)
            guard !files.isEmpty else { return nil }
            if case .walk = feed, files.contains(where: { CILayouts.mayBelongToLayout($0.absolutePath) }) {
                layoutFound = true
                return nil
            }
            let batch = Array(files), firstID = filesStarted
            filesStarted += batch.count
            let job = pool.start(count: batch.count) { (index: Int, worker: Int) -> (outcome: FileOutcome, worker: Int) in
                workers[worker].freeHandedBack()
                let outcome = parse(batch[index], runID: firstID + index, options: options, worker: workers[worker])
                return (outcome, worker)
            }
            return (batch, job)
        }
        var inFlight = [startBatch(), startBatch()].compactMap { $0 }
        while !inFlight.isEmpty {
            let current = inFlight.removeFirst()
            var outcomes = current.job.wait()
            bytesParsed += outcomes.reduce(0) { $0 + $1.outcome.bytes }
            filesParsed += current.files.count
            if let next = startBatch() { inFlight.append(next) }
            for (file, parsed) in zip(current.files, outcomes) { fold.add(file: file, outcome: parsed.outcome) }
            // Each worker frees what it allocated (see `IngestWorker.handBack`).
            var byWorker = Array(repeating: [FileOutcome](), count: workers.count)
            while let parsed = outcomes.popLast() { byWorker[parsed.worker].append(parsed.outcome) }
            for (worker, theirs) in zip(workers, byWorker) where !theirs.isEmpty { worker.handBack(theirs) }
            if let progress = options.progress {
                let listed: (count: Int, complete: Bool)
                switch feed {
                case .walk(let walk): listed = walk.listed
                case .arranged(let files): listed = (files.count, true)
                }
                progress(IngestProgress(filesDone: filesParsed, filesTotal: listed.count, bytesDone: fold.bytes, listingComplete: listed.complete))
            }
        }
        return layoutFound ? nil : fold
    }

    /// One file on a worker thread: read, parse, and digest each of its runs.
    fileprivate static func parse(
        _ file: LogFile, runID: Int, options: AnalyzeOptions, worker: IngestWorker
    ) -> FileOutcome {
        let outcome = FileIngest.read(
            file, runID: runID, maxBytes: options.maxFileBytes, interner: worker.interner, scratch: worker.scratch,
            keepPassingMessages: options.keepRunContents
        ) { ingested in
            let facts = RunFacts(ingested.log)
            let arch =
                ingested.arch
                ?? worker.inference.decide(
                    path: ingested.path ?? file.displayPath, metadata: ingested.metadataArch, content: facts.contentArch)
            worker.tallies.add(testsOf: ingested.log, arch: arch.0)
            return ParsedRun(
                path: ingested.path,
                arch: arch,
                facts: facts,
                // Runs read back from an export carry names from the worker's interner too.
                digest: RunDigest(log: ingested.log, options: options.signature, memo: worker.raceStacks, failureMemo: worker.failures),
                log: options.keepRunContents ? ingested.log : nil, metadata: ingested.metadata)
        }
        return (outcome.runs, outcome.problems, outcome.bytes)
    }
}

/// One run as a worker hands it over: what its `Run` needs and what it adds to the groups.
struct ParsedRun: Sendable {
    /// Set for runs read back from a flaketui export.
    let path: String?
    let arch: (String, ArchSource)
    let facts: RunFacts
    let digest: RunDigest
    /// Only when the run's content is kept for the JSON report.
    let log: ParsedLog?
    /// What the CI system recorded beside the log.
    var metadata = RunMetadata()
}

/// What one worker thread keeps from file to file: the names it has decoded, its read buffer,
/// the architectures of the folders it has seen, and the test results of the runs it parsed.
final class IngestWorker: @unchecked Sendable {
    let interner = ByteInterner()
    let scratch = MappedFile.ScratchBuffer()
    let raceStacks = RaceStackMemo()
    let failures = FailureMemo()
    var tallies = TestTallies()
    let inference: ArchInference
    /// Outcomes the fold is done with, waiting to be freed on this worker's thread. Guarded by
    /// `handedBackLock` (a pthread mutex, which the thread sanitizer follows).
    private var handedBack: [[FileOutcome]] = []
    private let handedBackLock = NSLock()

    init(inference: ArchInference) {
        self.inference = inference
    }

    /// Called by the folding thread with this worker's outcomes once they are folded. Freed
    /// there, each block took the malloc lock of this thread's arena while this thread held it
    /// to allocate the next file's.
    func handBack(_ outcomes: [FileOutcome]) {
        handedBackLock.withLock { handedBack.append(outcomes) }
    }

    /// Called by this worker's thread between files.
    func freeHandedBack() {
        let outcomes: [[FileOutcome]] = handedBackLock.withLock {
            defer { handedBack = [] }
            return handedBack
        }
        // Freed here, as this goes out of scope.
        _ = outcomes
    }
}

/// Workers handed to the thread that frees them; only that thread touches them once handed over.
private final class RetiredWorkers: @unchecked Sendable {
    var workers: [IngestWorker] = []
}

/// The run-level facts of a parsed log.
struct RunFacts: Sendable {
    let format: LogFormat
    /// Sorted, without repeats.
    let packages: [String]
    let failed: Bool
    let hasRace: Bool
    let goVersion: String?
    let contentArch: ContentArch?
    let warnings: [String]

    init(_ log: ParsedLog) {
        format = log.format
        // Every test names its package: most names repeat the one before. A lane's log holds
        // hundreds of packages, so membership is a set, not a scan, keyed by ByteHash (SipHash
        // over every name showed in profiles). The names are mostly the very strings of one
        // interner, seen three times (package lines, tests, races): a set of strings by identity
        // in front skips hashing and comparing their text again.
        var names: Set<HashedString> = []
        var seen: Set<StringIdentityKey> = []
        var inOrder: [String] = []
        var last: StringIdentityKey?
        func add(_ name: String) {
            let identity = StringIdentityKey(name)
            guard identity != last else { return }
            last = identity
            guard seen.insert(identity).inserted else { return }
            if names.insert(HashedString(name)).inserted { inOrder.append(name) }
        }
        for package in log.packages { add(package.name) }
        // Read in place: a lane's run holds thousands of results, and copying each one retained
        // and released its array. A package that repeats the result before's is a compare.
        var lastOfTests: InternedName?
        log.tests.withUnsafeBufferPointer { tests in
            for index in tests.indices where tests[index].packageName != lastOfTests {
                lastOfTests = tests[index].packageName
                add(tests[index].package)
            }
        }
        log.races.withUnsafeBufferPointer { races in
            for index in races.indices { add(races[index].package) }
        }
        // `go test ./...` prints packages in import path order, and the sort finds a sorted
        // array in one pass (a set's order cost a full sort of long, alike names every run).
        // (Most runs of a folder of single runs have one package: nothing to sort.)
        packages = inOrder.count < 2 ? inOrder : inOrder.sorted()
        failed =
            log.packages.contains { $0.outcome == .failed || $0.outcome == .buildFailed } || !log.panics.isEmpty
            || log.tests.withUnsafeBufferPointer { tests in tests.indices.contains { tests[$0].outcome == .failed } }
        hasRace = !log.races.isEmpty
        goVersion = log.goVersion
        contentArch = log.contentArch
        warnings = log.warnings
    }
}
