import Foundation
import Testing

/// Runs `Tests/EndToEnd/tui-e2e.sh` against the built `flaketui` binary in tmux.
@Suite struct EndToEndTests {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: the end-to-end test needs it (CI installs it)"))
    func dashboardInTmux() throws {
        let root = SampleStore.repositoryRoot
        let binary = root.appendingPathComponent(".build/debug/flaketui").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build (\(binary) is missing)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Tests/EndToEnd/tui-e2e.sh").path, binary, SampleStore.logsPath]
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
}
