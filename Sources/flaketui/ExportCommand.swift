import ArgumentParser
import FlakeCore

/// `flaketui export`: a Markdown summary to paste into an issue, a PR comment or a job
/// summary, or the JSON report, written atomically.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a Markdown summary or the JSON report of the logs.",
        // Parsed as its own root (see SubcommandRouting), so the usage names the full command.
        usage: "flaketui export [--format markdown|json] [-o FILE|-] [--max-bytes N] [--arch-from REGEX] [--strict-signatures] [--signature-depth N] PATH...",
        discussion: """
            `-o -` (the default) writes to standard output. A file is replaced atomically. \
            `-o "$GITHUB_STEP_SUMMARY"` (or the literal text `$GITHUB_STEP_SUMMARY`) appends to \
            the job summary, which every step of a GitHub Actions job shares.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @OptionGroup var logs: LogSelection

    @Option(name: .long, help: ArgumentHelp("What to write.", valueName: "markdown|json"))
    var format: Format = .markdown

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write; - is standard output.", valueName: "FILE|-"))
    var output = "-"

    @Option(name: .long, help: ArgumentHelp("Markdown size limit; the least important groups are left out (named at the end).", valueName: "N"))
    var maxBytes = MarkdownExport.defaultMaxBytes


    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
    }

    func run() throws {
        let result = try logs.analyze(keepRunContents: format == .json)
        let destination: AtomicFileWriter.Destination
        switch format {
        case .markdown:
            destination = try AtomicFileWriter.write(try MarkdownExport.render(result.analysis, maxBytes: maxBytes), to: output)
        case .json:
            // Written as it is made: a big tree's JSON report is as large as its logs.
            destination = try AtomicFileWriter.write(to: output) { sink in try JSONReport.write(result, to: sink) }
        }
        switch destination {
        case .standardOutput: break
        case .appended(let path): FileHandleOutput.standardError("flaketui: appended \(format.rawValue) to \(path)\n")
        case .replaced(let path): FileHandleOutput.standardError("flaketui: wrote \(format.rawValue) to \(path)\n")
        }
    }
}
