import Foundation
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

    /// Headers taken from the real fixtures. Go 1.19 prints neither `Atomic …` nor the address-less
    /// form of older Go; those two are made from a real header by the documented edit (inserting
    /// `atomic `, dropping ` at 0x…`), not written from scratch.
    @Test func sectionHeadersOfEveryShape() throws {
        func lines(_ fixture: String) throws -> [String] {
            try Fixtures.text(fixture).split(separator: "\n").map(String.init)
        }
        func header(_ text: String) -> RaceReportParser.Section? {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer {
                RaceReportParser.header(ByteLine(base: UnsafePointer($0.baseAddress!), count: $0.count))
            }
        }
        let heap = try lines("race-heap.log")
        let write = try #require(heap.first { $0.hasPrefix("Write at ") })
        guard case .access(.write, false, false, let address?, .id(9)) = header(write), address.hasPrefix("0x00c0") else {
            Issue.record("plain write: \(write)")
            return
        }
        let byMain = try #require(try lines("race-main-goroutine.log").first { $0.hasSuffix("by main goroutine:") })
        guard case .access(.write, false, true, _, .main) = header(byMain) else {
            Issue.record("previous write by main: \(byMain)")
            return
        }
        let previous = try #require(heap.first { $0.hasPrefix("Previous write at ") })
        let atomic = previous.replacingOccurrences(of: "Previous write", with: "Previous atomic write")
        guard case .access(.write, true, true, _, .id(8)) = header(atomic) else {
            Issue.record("previous atomic write: \(atomic)")
            return
        }
        let oldGo = write.replacingOccurrences(of: " at \(address)", with: "")
        guard case .access(.write, false, false, nil, .id(9)) = header(oldGo) else {
            Issue.record("without address: \(oldGo)")
            return
        }
        let finished = try #require(try lines("race-goroutine-finished.log").first { $0.contains("(finished) created at:") })
        guard case .creation(8, "finished") = header(finished) else {
            Issue.record("creation: \(finished)")
            return
        }
        #expect(header(heap[0]) == nil, "\(heap[0]) is not a section header")
    }
}
