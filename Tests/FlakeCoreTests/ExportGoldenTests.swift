import Foundation
import Testing

@testable import FlakeCore

/// Both export formats against recorded output (`FLAKETUI_RECORD=1 swift test` re-records).
@Suite struct ExportGoldenTests {
    @Test func markdownOfTheReproductionLogs() throws {
        let result = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs)
        let markdown = try MarkdownExport.render(result.analysis)
        try ExportTestSupport.expectGolden(markdown, named: "export-devicemanager.md")
        #expect(MarkdownStructure(markdown).problems == [])
    }

    @Test func jsonOfTheReproductionLogs() throws {
        let result = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs)
        try ExportTestSupport.expectGolden(JSONReport.render(result), named: "export-devicemanager.json")
    }

    /// Heap and global locations, atomics, timeouts, build failures, panics and a cut-off
    /// report, from the parser fixtures (copied under one folder so paths stay relative).
    @Test func markdownOfEveryReportShape() throws {
        let folder = try ExportTestSupport.shapeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let markdown = try MarkdownExport.render(try ExportTestSupport.analyze(folder).analysis)
        try ExportTestSupport.expectGolden(markdown, named: "export-shapes.md")
        #expect(MarkdownStructure(markdown).problems == [])
    }

    @Test(.enabled(if: ExportTestSupport.sampleLogsPresent, "SampleLogs/ has no logs yet"))
    func bothFormatsOfTheSampleLogs() throws {
        let result = try ExportTestSupport.analyze(ExportTestSupport.sampleLogs)
        let markdown = try MarkdownExport.render(result.analysis)
        try ExportTestSupport.expectGolden(markdown, named: "samplelogs.md")
        try ExportTestSupport.expectGolden(JSONReport.render(result), named: "samplelogs.json")
        #expect(MarkdownStructure(markdown).problems == [])
    }

    /// The `--no-tui` report, written in pieces for speed, against the report as it read when
    /// every line was one interpolated string.
    @Test func plainTextOfEveryReportShape() throws {
        let folder = try ExportTestSupport.shapeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try ExportTestSupport.analyze(folder)
        let text = PlainTextReport.render(result)
        try ExportTestSupport.expectGolden(text, named: "report-shapes.txt")
        var written: [UInt8] = []
        PlainTextReport.write(result) { written += $0 }
        #expect(written == Array(text.utf8))
    }

    @Test(.enabled(if: ExportTestSupport.sampleLogsPresent, "SampleLogs/ has no logs yet"))
    func plainTextOfTheSampleLogs() throws {
        let result = try ExportTestSupport.analyze(ExportTestSupport.sampleLogs)
        try ExportTestSupport.expectGolden(PlainTextReport.render(result), named: "samplelogs.txt")
    }

    @Test func sameLogsGiveTheSameBytes() throws {
        let first = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs)
        let second = try Analyzer.analyze(paths: [ExportTestSupport.fixtureLogs], options: AnalyzeOptions(workers: 1))
        #expect(try MarkdownExport.render(first.analysis) == MarkdownExport.render(second.analysis))
        #expect(JSONReport.render(first) == JSONReport.render(second))
    }
}

extension ExportTestSupport {
    static let shapeFixtures = [
        "race-global.log", "race-heap.log", "race-atomic.log", "race-goroutine-finished.log", "race-outside-test.log",
        "ci-truncated-race.log", "timeout.log", "build-failure.log", "panic.json", "subtests-parallel.log",
    ]

    /// A fresh folder holding `amd64/<fixture>` copies; the caller removes it.
    static func shapeFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flaketui-shapes-\(UUID().uuidString)")
        let arch = folder.appendingPathComponent("amd64")
        try FileManager.default.createDirectory(at: arch, withIntermediateDirectories: true)
        for name in shapeFixtures {
            try FileManager.default.copyItem(
                at: testsFolder.appendingPathComponent("Fixtures/\(name)"), to: arch.appendingPathComponent(name))
        }
        return folder.path
    }
}
