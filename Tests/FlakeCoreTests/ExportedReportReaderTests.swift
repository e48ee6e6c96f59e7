import Foundation
import Testing
@testable import FlakeCore

/// Reports read back: whatever the report wrote of a run must come back the same, however the
/// JSON is laid out, and a damaged report must fail with a message, never trap.
@Suite struct ExportedReportReaderTests {
    static let logFixtures = try! FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path).filter {
        ($0.hasSuffix(".log") || $0.hasSuffix(".json")) && $0 != "samplelogs-expected.json"
    }.sorted()

    static func contents(of report: String) throws -> [String] {
        let runs = try Array(report.utf8).withUnsafeBytes { try ExportedReportReader.read($0, interner: ByteInterner()) }
        return runs.map { run in
            var writer = JSONWriter()
            run.log.write(to: &writer)
            return String(decoding: (try? writer.finish()) ?? [], as: UTF8.self)
        }
    }

    static func writtenContents(_ result: AnalyzeResult) -> [String] {
        result.runContents.map { log in
            var writer = JSONWriter()
            log.write(to: &writer)
            return String(decoding: (try? writer.finish()) ?? [], as: UTF8.self)
        }
    }

    @Test func everyFixtureReadsBackToTheSameContents() throws {
        let result = try Analyzer.analyze(paths: Self.logFixtures.map(Fixtures.path))
        #expect(result.runContents.count == Self.logFixtures.count)
        #expect(try Self.contents(of: JSONReport.render(result)) == Self.writtenContents(result))
    }

    @Test func sampleLogsReadBackToTheSameContents() throws {
        let result = try Analyzer.analyze(paths: [Fixtures.repositoryRoot.appendingPathComponent("SampleLogs").path])
        #expect(try Self.contents(of: JSONReport.render(result)) == Self.writtenContents(result))
    }

    /// The same report compact, with keys in another order and slashes escaped, as Foundation's
    /// `JSONSerialization` writes it.
    @Test func anotherLayoutOfTheSameJSONReadsTheSame() throws {
        let result = try Analyzer.analyze(paths: Self.logFixtures.map(Fixtures.path))
        let report = JSONReport.render(result)
        let object = try JSONSerialization.jsonObject(with: Data(report.utf8))
        let compact = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(compact.contains("\\/"), "slashes escaped")
        #expect(!compact.contains("\n"))
        #expect(try Self.contents(of: compact) == Self.writtenContents(result))
    }

    @Test func escapesDecode() throws {
        let text = #"{"k" : ["caf\u00e9 \ud83d\ude42 \ud800 x\/y\"z\\ \t\n", "plain"]}"#
        var strings: [String] = []
        try Array(text.utf8).withUnsafeBytes { bytes in
            var reader = JSONPullReader(bytes)
            try reader.object { r, key in
                #expect(key.equals("k"))
                strings = try r.strings()
            }
            try reader.end()
        }
        #expect(strings == ["café 🙂 \u{FFFD} x/y\"z\\ \t\n", "plain"])
    }

    @Test func aReportCutAnywhereFailsWithAMessage() throws {
        let report = Array(JSONReport.render(try Analyzer.analyze(paths: [Fixtures.path("race-heap.log")])).utf8)
        for cut in stride(from: 0, to: report.count - 2, by: 7) {
            let error = #expect(throws: (any Error).self) {
                try Array(report[..<cut]).withUnsafeBytes { _ = try ExportedReportReader.read($0) }
            }
            #expect(!"\(error.map { "\($0)" } ?? "")".isEmpty)
        }
    }

    @Test func badDocumentsAreRefusedWithTheReason() throws {
        func failure(_ text: String) -> String {
            do {
                _ = try Array(text.utf8).withUnsafeBytes { try ExportedReportReader.read($0) }
                return "read"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure(#"{"runs" : [], "schema" : "flaketui/99"}"#).contains("unsupported schema flaketui/99"))
        #expect(failure(#"{"runs" : []}"#).contains("\"schema\""))
        #expect(failure(#"{"runs" : [{"path" : "a.log", "arch" : "amd64", "archSource" : "path"}], "schema" : "flaketui/1"}"#)
            .contains("a.log has no content"))
        #expect(
            failure(#"{"runs" : [{"path" : "a.log", "arch" : "amd64", "archSource" : "path", "content" : {"format" : "text"}}], "schema" : "flaketui/1"}"#)
                .contains("a run's content has no \"buildFailures\""))
        #expect(failure(#"{"runs" : [], "schema" : "flaketui/1"} trailing"#).contains("after the document"))
        #expect(failure(#"{"groups" : [1 2], "runs" : [], "schema" : "flaketui/1"}"#).contains("expected , or ]"))
        #expect(failure(#"{"runs" : [7], "schema" : "flaketui/1"}"#).contains("expected an object"))
        // Skipped parts are read too: nesting there must not overflow the stack.
        let deep = "{\"groups\" : " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(failure(deep).contains("nested more than"))
    }

    @Test func aMergedExportReportsLikeItsLogs() throws {
        // The merged view of an export equals the view of the logs it came from.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flaketui-reader-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let direct = try Analyzer.analyze(paths: Self.logFixtures.map(Fixtures.path))
        try JSONReport.render(direct).write(to: folder.appendingPathComponent("export.json"), atomically: true, encoding: .utf8)
        let merged = try Analyzer.analyze(paths: [folder.path])
        #expect(merged.analysis.problems.isEmpty)
        #expect(PlainTextReport.render(merged) == PlainTextReport.render(direct))
    }

    /// The schema follows the runs, so it is looked for from the end in blocks: found however
    /// far from the end it is, and where it straddles two blocks.
    @Test(arguments: [0, 10, 3 << 20, -1])
    func anExportIsRecognisedWhereverItsSchemaIs(spaces: Int) {
        let head = #"{"runs" : [], "schema" : "flaketui/1", "tests" : ["#
        // -1: the 1 MB block boundary falls inside the schema's text (25 bytes into `head`).
        let count = spaces >= 0 ? spaces : (1 << 20) - head.utf8.count - 2 + 25
        let text = head + String(repeating: " ", count: count) + "]}"
        #expect(Array(text.utf8).withUnsafeBytes { ExportedReportReader.isExport($0) })
        let other = #"{"runs" : [], "tests" : ["# + String(repeating: " ", count: count) + "]}"
        #expect(!Array(other.utf8).withUnsafeBytes { ExportedReportReader.isExport($0) })
    }

    /// A big export gives its mapped pages back as it is read; a file mapping reads them again if
    /// touched, so the runs are the same as when nothing is given back.
    @Test func runsReadWhilePagesAreGivenBackAreTheSame() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("Tests/FlakeCoreTests/Golden/samplelogs.json").path
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var info = stat()
        try #require(fstat(fd, &info) == 0)
        let size = Int(info.st_size)
        let address = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0))
        try #require(address != MAP_FAILED)
        defer { munmap(address, size) }
        let bytes = UnsafeRawBufferPointer(start: address, count: size)
        func content(_ run: FileIngest.IngestedRun) -> String {
            var writer = JSONWriter()
            run.log.write(to: &writer)
            return String(decoding: (try? writer.finish()) ?? [], as: UTF8.self)
        }
        var givenBack: [String] = []
        try ExportedReportReader.read(bytes, interner: ByteInterner(), releaseEvery: 4096) { givenBack.append(content($0)) }
        let kept = try ExportedReportReader.read(bytes, interner: ByteInterner()).map(content)
        #expect(!kept.isEmpty)
        #expect(givenBack == kept)
    }
}
