import ArgumentParser
import FlakeCore

#if canImport(Glibc)
import Glibc
#endif

@main
struct FlaketuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flaketui",
        abstract: "Triage flaky Go tests and data races from a folder of CI logs.",
        discussion: """
            Reads `go test -v` text, `go test -json`, Ginkgo output and any log carrying race \
            reports; groups failures by stack signature and architecture; shows flake rates.
            """)

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

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let options = AnalyzeOptions(
            archFrom: archFrom, signature: SignatureOptions(keepLineNumbers: strictSignatures))
        let result: AnalyzeResult
        do {
            result = try Analyzer.analyze(paths: paths, options: options)
        } catch {
            throw ValidationError(error.description)
        }
        switch format {
        case .json:
            print(try JSONReport.render(result), terminator: "")
        case .text:
            print(PlainTextReport.render(result), terminator: "")
        }
    }
}
