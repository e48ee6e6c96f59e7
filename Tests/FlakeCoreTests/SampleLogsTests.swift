import Foundation
import Testing
@testable import FlakeCore

/// `SampleLogs/` against the counts `Reproduction/cmd/expectedcounts` derived from the test2json
/// events of the same runs (every run, whether its text or its JSON is what was kept).
@Suite struct SampleLogsTests {
    struct Expected: Decodable {
        struct ArchCounts: Decodable {
            let runs: Int, failedRuns: Int, raceRuns: Int, panicRuns: Int
        }
        struct TestCounts: Decodable {
            let passed: Int, failed: Int, skipped: Int
        }
        let package: String
        let arches: [String: ArchCounts]
        let tests: [String: [String: TestCounts]]
        let races: [String: [String: Int]]
        let testFailures: [String: [String: [String: Int]]]
    }

    static let loaded: (expected: Expected, result: AnalyzeResult)? = {
        let expectedURL = Fixtures.directory.appendingPathComponent("samplelogs-expected.json")
        guard let data = try? Data(contentsOf: expectedURL),
            let expected = try? JSONDecoder().decode(Expected.self, from: data),
            let result = try? Analyzer.analyze(paths: [Fixtures.repositoryRoot.appendingPathComponent("SampleLogs").path])
        else { return nil }
        return (expected, result)
    }()

    func load() throws -> (expected: Expected, analysis: Analysis) {
        let loaded = try #require(Self.loaded, "SampleLogs/ and samplelogs-expected.json load")
        return (loaded.expected, loaded.result.analysis)
    }

    @Test func runsPerArchitecture() throws {
        let (expected, analysis) = try load()
        #expect(Set(analysis.arches.map(\.arch)) == Set(expected.arches.keys))
        for summary in analysis.arches {
            let want = try #require(expected.arches[summary.arch])
            #expect(summary.runs == want.runs, "\(summary.arch) runs")
            #expect(summary.failedRuns == want.failedRuns, "\(summary.arch) failed runs")
            #expect(summary.raceRuns == want.raceRuns, "\(summary.arch) race runs")
        }
        #expect(analysis.runs.allSatisfy { if case .path = $0.archSource { true } else { false } })
        #expect(analysis.problems.isEmpty)
    }

    @Test func everyRaceRateMatches() throws {
        let (expected, analysis) = try load()
        for (marker, perArch) in expected.races {
            let groups = analysis.groups.filter { $0.kind == .race && $0.signature.contains(marker) }
            #expect(groups.count == 1, "one group for the race through \(marker)")
            let group = try #require(groups.first)
            for (arch, count) in perArch {
                let rate = try #require(group.perArch.first { $0.arch == arch })
                #expect(rate.occurrences == count, "\(marker) on \(arch)")
                #expect(rate.runs == expected.arches[arch]?.runs, "\(marker) denominator on \(arch)")
                #expect(rate.ci95 == Proportions.wilson(count, rate.runs))
            }
        }
    }

    @Test func everyTestTallyMatches() throws {
        let (expected, analysis) = try load()
        for (name, perArch) in expected.tests {
            let test = try #require(analysis.tests.first { $0.name == name && $0.package == expected.package }, "\(name)")
            for (arch, want) in perArch where want.passed + want.failed + want.skipped > 0 {
                let got = try #require(test.perArch.first { $0.arch == arch })
                #expect(got.passed == want.passed, "\(name) passed on \(arch)")
                #expect(got.failed == want.failed, "\(name) failed on \(arch)")
                #expect(got.skipped == want.skipped, "\(name) skipped on \(arch)")
            }
        }
    }

    @Test func failureAndPanicRatesMatch() throws {
        let (expected, analysis) = try load()
        let kinds: [String: GroupKind] = ["assertion": .failure, "panic": .panic, "timeout": .timeout]
        for (test, classes) in expected.testFailures {
            for (failureClass, perArch) in classes {
                guard let kind = kinds[failureClass], perArch.values.contains(where: { $0 > 0 }) else { continue }
                let groups = analysis.groups.filter { $0.kind == kind && $0.tests == [test] }
                for (arch, count) in perArch {
                    let occurred = groups.map { $0.perArch.first { $0.arch == arch }?.occurrences ?? 0 }.reduce(0, +)
                    #expect(occurred == count, "\(test) \(failureClass) on \(arch)")
                }
            }
        }
    }

    @Test func aTestsOwnFailureIsRatedOverTheRunsThatRanIt() throws {
        let (expected, analysis) = try load()
        // TestOrphanedSocketCleanup fails whenever it runs; runs killed earlier by another test's
        // panic never ran it and do not count against it.
        let group = try #require(analysis.groups.first { $0.kind == .failure && $0.tests == ["TestOrphanedSocketCleanup"] })
        for rate in group.perArch {
            let tally = try #require(expected.tests["TestOrphanedSocketCleanup"]?[rate.arch])
            #expect(rate.runs == tally.passed + tally.failed, "\(rate.arch)")
            #expect(rate.occurrences == rate.runs, "\(rate.arch): it fails every time it runs")
        }
        #expect((group.archDifferenceP ?? 0) > 0.99)
    }

    @Test func theHandlerRaceReadsLikeTheInvestigation() throws {
        let (_, analysis) = try load()
        let handler = try #require(analysis.groups.first { $0.kind == .race && $0.signature.contains("initHandler") })
        let race = try #require(handler.race)
        #expect(handler.title.contains("initHandler"))
        #expect(race.example.accesses.count == 2)
        #expect(race.example.accesses.contains { $0.kind == .write } && race.example.accesses.contains { $0.kind == .read })
        #expect(!race.example.creations.isEmpty)
        #expect(Set(race.hints.map(\.kind)) == [.goroutineOutlivedTest, .testSetupWrite, .packageLevelVariable])
        #expect(race.hints.allSatisfy { !$0.evidence.isEmpty })
        // s390x shows it far more often than amd64, and the test says so.
        let s390x = try #require(handler.perArch.first { $0.arch == "s390x" })
        let amd64 = try #require(handler.perArch.first { $0.arch == "amd64" })
        #expect(s390x.rate > amd64.rate)
        #expect((handler.archDifferenceP ?? 1) < 0.05)
    }
}
