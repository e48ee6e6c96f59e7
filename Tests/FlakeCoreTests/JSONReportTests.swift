import Foundation
import Testing
@testable import FlakeCore

@Suite struct JSONReportTests {
    static let names = ["race-two-races.log", "race-two-races.json", "panic.log", "timeout.json", "ginkgo-dots-color.log"]

    static func report(_ names: [String]) throws -> [String: Any] {
        let result = try Analyzer.analyze(paths: names.map(Fixtures.path))
        let text = JSONReport.render(result)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func documentedFieldsArePresent() throws {
        let json = try Self.report(Self.names)
        #expect(json["schema"] as? String == "flaketui/1")
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count == Self.names.count)
        for key in ["path", "arch", "archSource", "format"] { #expect(runs[0][key] != nil, "runs.\(key)") }
        let groups = try #require(json["groups"] as? [[String: Any]])
        let race = try #require(groups.first { $0["kind"] as? String == "race" })
        for key in ["id", "kind", "title", "tests", "perArch", "archDifferenceP", "occurrences", "race"] {
            #expect(race.keys.contains(key), "groups.\(key)")
        }
        let rate = try #require((race["perArch"] as? [[String: Any]])?.first)
        for key in ["arch", "occurrences", "runs", "rate", "ci95"] { #expect(rate[key] != nil, "perArch.\(key)") }
        let place = try #require((race["occurrences"] as? [[String: Any]])?.first)
        #expect(place["path"] is String && place["line"] is Int)
        let detail = try #require(race["race"] as? [String: Any])
        let access = try #require((detail["accesses"] as? [[String: Any]])?.first)
        for key in ["kind", "previous", "goroutine", "frames"] { #expect(access[key] != nil, "accesses.\(key)") }
        let frame = try #require((access["frames"] as? [[String: Any]])?.first)
        #expect(frame["function"] is String && frame["file"] is String && frame["line"] is Int)
        #expect((frame["function"] as? String)?.hasSuffix("()") == false)
        #expect(detail["creations"] is [[String: Any]])
        let test = try #require((json["tests"] as? [[String: Any]])?.first)
        for key in ["name", "package", "perArch", "verdict"] { #expect(test[key] != nil, "tests.\(key)") }
        #expect(json["problems"] is [[String: Any]])
    }

    @Test func sameLogsSameBytes() throws {
        let first = try JSONReport.render(Analyzer.analyze(paths: Self.names.map(Fixtures.path), options: AnalyzeOptions(workers: 1)))
        let second = try JSONReport.render(Analyzer.analyze(paths: Self.names.map(Fixtures.path), options: AnalyzeOptions(workers: 4)))
        #expect(first == second, "order and thread count do not change the report")
    }

    @Test func exportsMergeIntoTheSameView() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flaketui-merge-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Each "CI job" exports its own log; one command merges the exports.
        for (index, name) in Self.names.enumerated() {
            let single = try Analyzer.analyze(paths: [Fixtures.path(name)])
            try JSONReport.render(single).write(
                to: folder.appendingPathComponent("job-\(index).json"), atomically: true, encoding: .utf8)
        }
        let merged = try Analyzer.analyze(paths: [folder.path]).analysis
        let direct = try Analyzer.analyze(paths: Self.names.map(Fixtures.path)).analysis
        #expect(merged.runs.count == direct.runs.count)
        #expect(merged.groups.map(\.id) == direct.groups.map(\.id))
        #expect(merged.groups.map(\.perArch) == direct.groups.map(\.perArch))
        #expect(merged.tests == direct.tests)
    }
}
