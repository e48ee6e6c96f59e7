import Foundation
import Testing

/// Runs `tui-e2e.sh` against the real `flaketui` binary in tmux. This target depends on the
/// executable, so `swift test` builds it next to the test bundle.
@Suite struct DashboardInTmuxTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = here.deletingLastPathComponent().deletingLastPathComponent()

    /// The build products folder: where the test runner itself lives.
    static var binary: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("flaketui").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/flaketui").path
    }

    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: the end-to-end test needs it (CI installs it)"))
    func dashboardInTmux() throws {
        let root = Self.repositoryRoot
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(binary) is missing")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            Self.here.appendingPathComponent("tui-e2e.sh").path, binary, root.appendingPathComponent("SampleLogs").path,
        ]
        process.currentDirectoryURL = root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "end-to-end failures:\n\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }

    @Test func versionIsPrinted() throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(binary) is missing")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).split(separator: ".").count == 3, "a version like 0.1.0")
    }
}
