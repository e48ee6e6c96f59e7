import Testing
@testable import FlakeCore

/// Every race-report shape Go 1.19's detector printed for `Reproduction/shapes`.
@Suite struct RaceReportParsingTests {
    @Test func heapRaceBetweenTwoGoroutines() throws {
        let log = try Fixtures.parse("race-heap.log")
        #expect(log.races.count == 1)
        let report = try #require(log.races.first).report
        #expect(report.accesses.map(\.kind) == [.write, .write])
        #expect(report.accesses.map(\.previous) == [false, true])
        #expect(report.accesses[0].address?.hasPrefix("0x00c0") == true)
        #expect(report.inProjectFunctions == [["heaprace.TestHeapRace.func2"], ["heaprace.TestHeapRace.func1"]])
        #expect(report.accesses[0].frames[0].line == 21)
        #expect(report.accesses[0].frames[0].file.hasSuffix("heaprace/heap_test.go"))
        #expect(!report.truncated)
        #expect(report.occurrence.line == 2, "the report starts at its separator line")
        #expect(log.races[0].detectedIn == ["TestHeapRace"])
    }

    @Test func goroutineCreationStacksAndStates() throws {
        let report = try #require(try Fixtures.parse("race-goroutine-finished.log").races.first).report
        #expect(report.creations.map(\.state) == ["running", "finished"])
        #expect(report.creations.map(\.goroutine) == report.accesses.compactMap {
            if case .id(let n) = $0.goroutine { n } else { nil }
        })
        #expect(report.creations[1].frames.first?.function.hasSuffix("finished.TestFinishedGoroutine") == true)
    }

    @Test func globalVariableRaceKeepsItsStableAddress() throws {
        let report = try #require(try Fixtures.parse("race-global.log").races.first).report
        #expect(report.accesses.map(\.kind) == [.read, .write])
        // Package-level variables live at low static addresses, heap objects at 0xc000….
        #expect(report.accesses[0].address?.hasPrefix("0x0000007") == true)
        #expect(report.inProjectFunctions[0] == ["globalrace.handle", "globalrace.TestGlobalRace.func1"])
    }

    @Test func atomicAccessesAgainstPlainOnes() throws {
        let log = try Fixtures.parse("race-atomic.log")
        #expect(log.races.count == 2)
        #expect(log.races[0].report.accesses[0].frames.first?.function == "sync/atomic.AddInt64")
        #expect(log.races[1].report.accesses[1].frames.first?.function == "sync/atomic.LoadInt64")
        #expect(log.races.map(\.detectedIn) == [["TestAtomicRace"], ["TestAtomicRaceReverse"]])
    }

    @Test func mainGoroutineAccess() throws {
        let log = try Fixtures.parse("race-main-goroutine.log")
        #expect(log.races.count == 2)
        for race in log.races {
            #expect(race.report.accesses[1].goroutine == .main)
            #expect(race.detectedIn.isEmpty, "TestMain runs outside any test")
        }
        let result = try Fixtures.analyze("race-main-goroutine.log")
        let group = try #require(result.analysis.groups.first { $0.kind == .race })
        #expect(group.tests.isEmpty, "TestMain is not a test")
        #expect(group.race?.ambiguousAttributions == 0)
    }

    @Test func raceOutsideTestExecution() throws {
        let log = try Fixtures.parse("race-outside-test.log")
        #expect(log.races.count == 1)
        #expect(log.races[0].detectedIn.isEmpty)
        #expect(log.tests.allSatisfy { $0.outcome == .passed })
        #expect(log.packages.map(\.outcome) == [.failed], "the binary fails although every test passed")
    }

    @Test func twoDifferentRacesInOneRunAreTwoGroups() throws {
        let result = try Fixtures.analyze("race-two-races.log")
        let races = result.analysis.groups.filter { $0.kind == .race }
        #expect(races.count == 2)
        #expect(Set(races.map(\.tests)) == [["TestCacheRace"], ["TestCounterRace"]])
        #expect(Set(races.map(\.id)).count == 2)
    }

    @Test func reportCutOffByTheEndOfTheLog() throws {
        let log = try Fixtures.parse("ci-truncated-race.log")
        let report = try #require(log.races.first).report
        #expect(report.truncated)
        #expect(report.accesses.count == 2)
        #expect(log.packages.first?.outcome == .failed, "a race fails the binary")
        // It still joins the group of the complete report it is a prefix of.
        let result = try Fixtures.analyze("race-two-races.log", "ci-truncated-race.log")
        let cache = try #require(result.analysis.groups.first { $0.tests == ["TestCacheRace"] })
        #expect(cache.runCount == 2)
    }

    @Test func sectionHeadersOfEveryShape() {
        func header(_ text: StaticString) -> RaceReportParser.Section? {
            text.withUTF8Buffer { RaceReportParser.header(ByteLine(base: $0.baseAddress!, count: $0.count)) }
        }
        guard case .access(.write, false, false, "0x00c000126178", .id(8)) = header("Write at 0x00c000126178 by goroutine 8:")
        else { Issue.record("plain write"); return }
        guard case .access(.read, true, true, _, .main) = header("Previous atomic read at 0x00c0000a0000 by main goroutine:")
        else { Issue.record("previous atomic read by main"); return }
        // Old Go printed no address.
        guard case .access(.read, false, false, nil, .id(185)) = header("Read by goroutine 185:")
        else { Issue.record("old format"); return }
        guard case .creation(204, "finished") = header("Goroutine 204 (finished) created at:")
        else { Issue.record("creation"); return }
        #expect(header("Goroutine 204 is not a header") == nil)
    }
}
