import Foundation
import Testing
@testable import FlakeCore

/// The layouts CI systems leave behind, on fixtures that `Reproduction/gen-layouts.sh` builds
/// from real Go output (see Fixtures/README.md).
@Suite struct CILayoutTests {
    static let layouts = "layouts/"
    static let prowJob = "layouts/prow/logs/periodic-shapes-unit-test-amd64"

    @Test func prowBuildIsOneRunWithItsMetadata() throws {
        let result = try Fixtures.analyze("layouts/prow")
        let runs = result.analysis.runs
        // Four builds; started.json, finished.json, prowjob.json, latest-build.txt and the JUnit artifact are not runs.
        #expect(runs.count == 4)
        #expect(runs.allSatisfy { $0.path.hasSuffix("build-log.txt") && $0.layout == .prow })
        #expect(result.skippedFiles == 4 * 3 + 1 + 1)
        let commit = try #require(runs.first?.commit)
        #expect(commit.count == 40 && runs.allSatisfy { $0.commit == commit })
        #expect(runs.allSatisfy { $0.ciResult == "FAILURE" })
        // Every build ran on this amd64 host; the node selector says so even where the job name does not.
        #expect(runs.allSatisfy { $0.arch == "amd64" })
        let race = try #require(runs.first { $0.path.contains("periodic-shapes-race") })
        #expect(race.archSource == .metadata("prowjob.json nodeSelector kubernetes.io/arch=amd64"))
    }

    @Test func prowRunsAreOrderedByStartTimeAndGroupsShowFirstAndLastSeen() throws {
        let analysis = try Fixtures.analyze("layouts/prow").analysis
        // 998 started first, then 1000, 1001 and 2000; path order would put 998 last.
        #expect(analysis.runs.map { $0.path.split(separator: "/")[2] } == ["998", "1000", "1001", "2000"])
        let starts = analysis.runs.compactMap(\.startTime)
        #expect(starts.count == 4 && starts == starts.sorted())
        let race = try #require(analysis.groups.first { $0.tests == ["TestCacheRace"] })
        #expect(race.firstSeen == starts[0])
        #expect(race.lastSeen == starts[3])
        let subtests = try #require(analysis.groups.first { $0.tests == ["TestTable/odd"] })
        #expect(subtests.firstSeen == starts[2] && subtests.lastSeen == starts[2])
    }

    @Test func prowMetadataReachesTheReportsAndMergesBack() throws {
        let result = try Fixtures.analyze("layouts/prow")
        let json = JSONReport.render(result)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let runs = try #require(document["runs"] as? [[String: Any]])
        #expect(runs.allSatisfy { $0["layout"] as? String == "prow" && $0["ciResult"] as? String == "FAILURE" })
        #expect((runs[0]["startTime"] as? String)?.hasSuffix("Z") == true)
        let groups = try #require(document["groups"] as? [[String: Any]])
        #expect(groups.allSatisfy { $0["firstSeen"] is String && $0["lastSeen"] is String })
        #expect(PlainTextReport.render(result).contains("prow layout: 4 runs"))
        #expect(PlainTextReport.render(result).contains("first seen "))

        // The export read back keeps the metadata.
        let folder = try TemporaryFolder()
        try folder.write("export.json", Array(json.utf8))
        let merged = try Analyzer.analyze(paths: [folder.path]).analysis
        #expect(merged.runs.map(\.startTime) == result.analysis.runs.map(\.startTime))
        #expect(merged.runs.map(\.commit) == result.analysis.runs.map(\.commit))
        #expect(merged.runs.map(\.layout) == result.analysis.runs.map(\.layout))
        #expect(merged.groups.map(\.firstSeen) == result.analysis.groups.map(\.firstSeen))
    }

    @Test func githubActionsArchiveCountsEachJobOnce() throws {
        let result = try Fixtures.analyze("layouts/gha-archive")
        let runs = result.analysis.runs
        // `0_unit (amd64).txt` holds its job; `race (amd64)/` has no top-level file and is read step by step.
        #expect(runs.map(\.path).sorted() == ["0_unit (amd64).txt", "race (amd64)"])
        #expect(result.skippedFiles == 2)  // the step files of `unit (amd64)/`
        #expect(runs.allSatisfy { $0.layout == .githubActions && $0.startTime != nil && $0.arch == "amd64" })
        let steps = try #require(runs.first { $0.path == "race (amd64)" })
        #expect(steps.packages == ["example.com/shapes/tworaces", "example.com/shapes/panics"])
        #expect(steps.goVersion == "go1.19.8")
    }

    @Test func bazelRunsAndShardsAreEachARunAndTestXMLIsNotCountedTwice() throws {
        let result = try Fixtures.analyze("layouts/bazel")
        let runs = result.analysis.runs
        #expect(runs.count == 4)
        #expect(runs.allSatisfy { $0.path.hasSuffix("/test.log") && $0.layout == .bazel })
        #expect(result.skippedFiles == 4)  // each test.xml
        let shards = runs.filter { $0.path.contains("shard_") }
        #expect(shards.count == 2 && shards.allSatisfy { $0.packages == ["//shapes/subtests:subtests_test"] })
        let races = result.analysis.groups.filter { $0.kind == .race }
        #expect(races.count == 2 && races.allSatisfy { $0.perArch.first?.occurrences == 2 })
    }

    @Test func xmlNamesInAnyCase() {
        for name in ["report.xml", "a/b/TEST.XML", "x.Xml", ".xml"] { #expect(FileIngest.isXMLName(name), "\(name)") }
        for name in ["xml", "report.xmlx", "report.xm", "", "a.json"] { #expect(!FileIngest.isXMLName(name), "\(name)") }
    }

    @Test func junitFailuresSkipsAndRacesInsideFailureBodies() throws {
        let races = try Fixtures.analyze("layouts/junit/junit-tworaces.xml").analysis
        #expect(races.runs.first?.format == .junit)
        #expect(Set(races.groups.filter { $0.kind == .race }.flatMap(\.tests)) == ["TestCacheRace", "TestCounterRace"])
        let subtests = try Fixtures.analyze("layouts/junit/junit-subtests.xml").analysis
        let table = try #require(subtests.tests.first { $0.name == "TestTable/odd" })
        #expect(table.verdict == .failing)
        #expect(subtests.tests.first { $0.name == "TestWholeSkip" }?.verdict == .skipped)
        #expect(subtests.groups.contains { $0.failure?.exampleMessage == "sub_test.go:17: double(3) = 6, want 7" })
        let panics = try Fixtures.analyze("layouts/junit/junit-panics.xml").analysis
        #expect(panics.groups.contains { $0.kind == .panic && $0.tests == ["TestIndexPanic"] })
    }

    @Test func junitMatchesTheTextLogItWasMadeFrom() throws {
        // artifacts/junit_shapes.xml is build-log.txt of build 1001 through test2json.
        let xml = try Fixtures.parse(junit: "\(Self.prowJob)/1001/artifacts/junit_shapes.xml")
        let text = try Fixtures.parse("\(Self.prowJob)/1001/build-log.txt")
        func outcomes(_ log: ParsedLog) -> [String: TestOutcome] {
            Dictionary(log.tests.map { ($0.name, $0.outcome) }, uniquingKeysWith: { $1 })
        }
        #expect(outcomes(xml) == outcomes(text))
    }

    @Test func gzipLogsReadLikeTheirText() throws {
        let gz = try Fixtures.analyze("layouts/gzip/race-two-races.log.gz").analysis
        let text = try Fixtures.analyze("race-two-races.log").analysis
        #expect(gz.groups.map(\.id) == text.groups.map(\.id))
        #expect(gz.problems.isEmpty)
        let json = try Fixtures.analyze("layouts/gzip/panic.json.gz").analysis
        #expect(json.runs.first?.format == .goTestJSON)
        #expect(json.groups.contains { $0.kind == .panic })
    }

    @Test func corruptAndCutGzipKeepWhatCameBeforeAndSaySo() throws {
        let result = try Fixtures.analyze("layouts/gzip/corrupt.log.gz", "layouts/gzip/cut.log.gz", "race-heap.log")
        let problems = result.analysis.problems
        #expect(problems.contains { $0.path.hasSuffix("corrupt.log.gz") && $0.message.hasPrefix("corrupt gzip data") })
        #expect(problems.contains { $0.path.hasSuffix("cut.log.gz") && $0.message.contains("ends in the middle") })
        // What was inflated before the damage is a run (the log's first race begins on line 2).
        #expect(result.analysis.runs.count == 3)
        #expect(result.analysis.runs.filter(\.hasRace).count == 3)
    }

    @Test func gzipStreamsInBoundedChunks() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("layouts/gzip/race-two-races.log.gz"))))
        let gzip = GzipStream(bytes: bytes)
        var total: [UInt8] = []
        while let chunk = gzip.next() {
            #expect(chunk.count <= GzipStream.outputCapacity)
            total += chunk
        }
        #expect(gzip.ending == .complete)
        // The gzip trailer's ISIZE: the inflated length mod 2^32.
        let trailer = bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(total.count == trailer)
        #expect(String(decoding: total.prefix(64), as: UTF8.self).hasPrefix("=== RUN   TestCacheRace"))
    }
}

extension Fixtures {
    /// A JUnit fixture through the JUnit reader alone.
    static func parse(junit name: String) throws -> ParsedLog {
        JUnitReader(runID: 0).read(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }
}

/// Parsing starts while the folder walk is still listing; a CI layout that shows up after
/// batches of plain logs were read makes the analysis start again in the layout's order, so
/// the result is the one a complete listing gives.
@Suite struct StreamedWalkLayoutTests {
    @Test func aLayoutFoundLateGivesTheArrangedResult() throws {
        let folder = try TemporaryFolder()
        // More plain logs than the first batches take, sorted before the Prow build.
        for n in 0..<600 { try folder.copy(fixture: "race-heap.log", as: String(format: "a/run-%03d.log", n)) }
        let prow = Fixtures.path(CILayoutTests.prowJob)
        try FileManager.default.copyItem(atPath: prow, toPath: folder.path + "/z")
        let alone = try Analyzer.analyze(paths: [prow])
        let builds = alone.analysis.runs.count
        #expect(builds >= 2)
        let result = try Analyzer.analyze(paths: [folder.path], options: AnalyzeOptions(workers: 2))
        let runs = result.analysis.runs
        #expect(runs.count == 600 + builds)
        // Prow builds have start times: they come first, oldest first, then the plain logs in path order.
        #expect(runs.prefix(builds).map { $0.startTime } == alone.analysis.runs.map { $0.startTime })
        #expect(runs.prefix(builds).allSatisfy { $0.layout == .prow })
        #expect(runs[builds].path == "a/run-000.log" && runs.last?.path == "a/run-599.log")
        #expect(runs.enumerated().allSatisfy { $0.offset == $0.element.id })
        // The Prow metadata files are not runs, as in a walk that lists everything first.
        #expect(result.skippedFiles == alone.skippedFiles)
    }
}
