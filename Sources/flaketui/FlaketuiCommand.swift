import ArgumentParser
import FlakeCore
import FlakeTUI
import Foundation
import TerminalBackend

#if canImport(Glibc)
import Glibc
#endif

@main
struct FlaketuiCommand: ParsableCommand {
    /// Errors fit on one line: a script or a person sees what went wrong without the usage text.
    static func main() {
        MallocTuning.apply()
        do {
            var command = try parseSubcommand() ?? parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version print their text.
                exit(withError: error)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandleOutput.standardError("flaketui: error: \(message)\n")
            Foundation.exit(code.rawValue)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "flaketui",
        abstract: "Triage flaky Go tests and data races from a folder of CI logs.",
        discussion: """
            Reads `go test -v` text, `go test -json`, Ginkgo output and any log carrying race \
            reports; groups failures by stack signature and architecture; shows flake rates.
            """,
        version: "0.1.0",
        subcommands: [ExportCommand.self])

    @OptionGroup var logs: LogSelection

    @Option(name: .long, help: ArgumentHelp("Output format when not interactive.", valueName: "text|json"))
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Print the report instead of opening the dashboard.")
    var noTUI = false


    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let started = ContinuousClock.now
        let result = try logs.analyze(keepRunContents: format == .json)
        let ingested = ContinuousClock.now
        // Piped output is for scripts and files: the report, quietly. On a terminal, the dashboard,
        // or the report with a note saying why not.
        if !noTUI, format == .text, isatty(STDOUT_FILENO) == 1 {
            do {
                let code = try runInteractive(
                    result: result, exporter: CoreMarkdownExporter.make(analysis: result.analysis),
                    firstScreenDrawn: { StartupTimings.record(started: started, ingested: ingested) })
                if code != 0 { throw ExitCode(code) }
                return
            } catch let error as TerminalError {
                FileHandleOutput.standardError("flaketui: note: no dashboard (\(error.description)); printing the report\n")
            }
        }
        switch format {
        case .json:
            try AtomicFileWriter.write(to: "-") { sink in try JSONReport.write(result, to: sink) }
        case .text:
            try AtomicFileWriter.write(to: "-") { sink in try PlainTextReport.write(result, to: sink) }
        }
    }
}

enum FileHandleOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
