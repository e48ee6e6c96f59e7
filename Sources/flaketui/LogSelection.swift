import ArgumentParser
import FlakeCore

/// The logs to read and how to read them: shared by the dashboard, the report and `export`.
struct LogSelection: ParsableArguments {
    @Argument(help: "Log folders (walked recursively) and files, and flaketui JSON exports to merge.")
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Regex with one capture group over the relative path naming the architecture.", valueName: "REGEX"))
    var archFrom: String?

    @Flag(name: .long, help: "Keep line numbers in race signatures.")
    var strictSignatures = false

    @Option(name: .long, help: ArgumentHelp("In-project frames per access in a race signature.", valueName: "N"))
    var signatureDepth = 1

    @Flag(name: .long, help: "Show the ingest progress line even when standard error is not a terminal.")
    var progress = false

    @Option(name: .long, help: ArgumentHelp("Threads that parse logs (default: one per core).", valueName: "N"))
    var jobs: Int?

    func validate() throws {
        guard signatureDepth >= 1 else { throw ValidationError("--signature-depth must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// Reads the logs; a failure is one line on standard error and exit status 2. Run contents are
    /// kept only for the JSON report, which needs them to be mergeable.
    func analyze(keepRunContents: Bool) throws -> AnalyzeResult {
        let line = ProgressLine(forced: progress)
        defer { line.finish() }
        let options = AnalyzeOptions(
            archFrom: archFrom, signature: SignatureOptions(depth: signatureDepth, keepLineNumbers: strictSignatures),
            workers: jobs, keepRunContents: keepRunContents, progress: { line.update($0) })
        do {
            return try Analyzer.analyze(paths: paths, options: options)
        } catch {
            FileHandleOutput.standardError("flaketui: error: \(error.description)\n")
            throw ExitCode(2)
        }
    }
}
