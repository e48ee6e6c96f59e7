import ArgumentParser
import FlakeCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

@main
struct FlaketuiCommand: ParsableCommand {
    /// Errors fit on one line: a script or a person sees what went wrong without the usage text.
    static func main() {
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
        subcommands: [ExportCommand.self])

    @Argument(help: "Log folders (walked recursively) and files.")
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Output format when not interactive.", valueName: "text|json"))
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Print the report instead of opening the dashboard.")
    var noTUI = false

    @Option(name: .long, help: ArgumentHelp("Regex with one capture group over the relative path naming the architecture.", valueName: "REGEX"))
    var archFrom: String?

    @Flag(name: .long, help: "Keep line numbers in race signatures.")
    var strictSignatures = false

    @Option(name: .long, help: ArgumentHelp("In-project frames per access in a race signature.", valueName: "N"))
    var signatureDepth = 1

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let options = AnalyzeOptions(
            archFrom: archFrom, signature: SignatureOptions(depth: max(1, signatureDepth), keepLineNumbers: strictSignatures))
        let result: AnalyzeResult
        do {
            result = try Analyzer.analyze(paths: paths, options: options)
        } catch {
            FileHandleOutput.standardError("flaketui: error: \(error.description)\n")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            print(try JSONReport.render(result), terminator: "")
        case .text:
            print(PlainTextReport.render(result), terminator: "")
        }
    }
}

enum FileHandleOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
