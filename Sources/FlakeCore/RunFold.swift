/// What the workers hand back for one file: its runs, what was wrong with it, its size.
typealias FileOutcome = (runs: [ParsedRun], problems: [Problem], bytes: Int)

/// The analysis as it builds up on the folding thread, one file at a time in file order: runs
/// numbered as they come, their groups, and the problems met.
struct RunFold {
    /// Runs in chunks while they come: one array doubling its way to a million runs holds its old
    /// and new buffers at once (60 MB and 120 MB) as it grows. `finish` joins them.
    private var runChunks: [[Run]] = []
    private static let runsPerChunk = 65_536
    private(set) var runCount = 0
    private var contents: [ParsedLog] = []
    private var filePaths = RunFilePaths()
    private let runPaths = RunPathInterner()
    private var problems: [Problem] = []
    /// Files that held no runs and no problems (notes, metadata), and those a CI layout set aside.
    var skipped = 0
    private(set) var bytes = 0
    private var grouper: Grouper
    /// Runs of one suite share their package set: one copy of each distinct set, and the
    /// previous run's is tried first (comparing names is cheaper than hashing them).
    private var packageSets: [[String]: Set<String>] = [:]
    private var previousPackages: (names: [String], set: Set<String>) = ([], [])
    /// Traits seen so far, shared by every run that has the same (text and test2json runs
    /// alternate in a folder, so the previous run's alone would not do). Emptied past 4,096:
    /// runs with CI metadata (a start time each) do not share.
    private var knownTraits: [Run.Traits: Run.Traits] = [:]

    init(signature: SignatureOptions) {
        grouper = Grouper(options: signature)
    }

    mutating func add(file: LogFile, outcome: FileOutcome) {
        bytes += outcome.bytes
        problems += outcome.problems
        if outcome.runs.isEmpty, outcome.problems.isEmpty { skipped += 1 }
        for parsed in outcome.runs {
            let id = runCount
            let path = parsed.path ?? file.displayPath
            let (arch, source) = parsed.arch
            if parsed.facts.packages != previousPackages.names {
                let names = parsed.facts.packages
                let set = packageSets[names] ?? Set(names)
                packageSets[names] = set
                previousPackages = (names, set)
            }
            let (folder, name) = runPaths.split(path)
            var traits = Run.Traits(
                arch: arch, archSource: source, format: parsed.facts.format, packages: previousPackages.set,
                goVersion: parsed.facts.goVersion, metadata: parsed.metadata)
            if let known = knownTraits[traits] {
                traits = known
            } else {
                if knownTraits.count >= 4096 { knownTraits.removeAll(keepingCapacity: true) }
                knownTraits[traits] = traits
            }
            let run = Run(
                id: id, folder: folder, name: name, traits: traits, failed: parsed.facts.failed, hasRace: parsed.facts.hasRace)
            if runChunks.last?.count ?? Self.runsPerChunk == Self.runsPerChunk { runChunks.append([]) }
            runChunks[runChunks.count - 1].append(run)
            runCount += 1
            grouper.add(run: run, digest: parsed.digest)
            for warning in parsed.facts.warnings { problems.append(Problem(path: path, message: warning)) }
            if let log = parsed.log { contents.append(Self.renumbered(log, to: id)) }
            filePaths.append(file: file, runPath: path)
        }
    }

    /// Groups, rates and per-architecture counts; the walk's own problems come first. `tallies`:
    /// the test results of every run folded (the workers count them, see `TestTallies`).
    mutating func finish(walkProblems: [Problem], tallies: TestTallies) -> AnalyzeResult {
        // One array of exactly the runs' number, each chunk let go once it is copied.
        var runs: [Run] = []
        runs.reserveCapacity(runCount)
        runChunks.reverse()
        while let chunk = runChunks.popLast() { runs.append(contentsOf: chunk) }
        let (unseenGroups, tests) = grouper.finish(runs: runs, tallies: tallies)
        let groups = SeenTimes.annotate(unseenGroups, runs: runs)
        // Counted in one pass (grouping copied every run), by the architecture's number.
        var seenArches = RepeatedStringNumbers()
        var counts: [(runs: Int, failed: Int, races: Int)] = []
        for run in runs {
            let arch = seenArches.number(run.arch)
            if arch == counts.count { counts.append((0, 0, 0)) }
            counts[arch].runs += 1
            if run.failed { counts[arch].failed += 1 }
            if run.hasRace { counts[arch].races += 1 }
        }
        let arches = zip(seenArches.strings, counts).sorted { $0.0 < $1.0 }.map { arch, count in
            ArchSummary(arch: arch, runs: count.runs, failedRuns: count.failed, raceRuns: count.races)
        }
        let analysis = Analysis(runs: runs, arches: arches, groups: groups, tests: tests, problems: walkProblems + problems)
        return AnalyzeResult(
            analysis: analysis, filePaths: filePaths, skippedFiles: skipped, bytesRead: bytes, runContents: contents)
    }

    /// Occurrences carry the run id they were parsed with; skipped files shift the ids.
    private static func renumbered(_ log: ParsedLog, to id: Int) -> ParsedLog {
        var copy = log
        guard copy.races.first?.parsedReport.occurrence.runID != id else { return copy }
        for i in copy.races.indices {
            let old = copy.races[i].parsedReport.occurrence
            copy.races[i].parsedReport.occurrence = Occurrence(runID: id, line: old.line)
        }
        return copy
    }
}
