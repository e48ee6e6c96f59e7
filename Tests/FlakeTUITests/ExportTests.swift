import FlakeCore
import FlakeTUI
import Foundation
import Testing

@Suite struct ExportTests {
    @Test func eWritesTheFilteredGroupsAsMarkdown() throws {
        var state = AppState.fixture()
        state.press(.char("/"))
        state.type("time")
        state.press(.enter)
        guard case .export(let request)? = state.press(.char("e")) else {
            Issue.record("e did not ask for an export")
            return
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flaketui-export-\(UUID()).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let message = try CoreMarkdownExporter.make(analysis: state.index.analysis, path: path)(request)
        #expect(message == "wrote \(path) (1 group)")
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.contains("timed out"))
        #expect(!markdown.contains("nil map"), "groups filtered out stay out")
    }
}
