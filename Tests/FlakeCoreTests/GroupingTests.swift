import Testing
@testable import FlakeCore

@Suite struct GroupingTests {
    @Test func maskingRunSpecificNoise() {
        #expect(MessageMasker.mask("expected 0 orphaned sockets, found 3 (scan took 1.438267ms)")
            == "expected <n> orphaned sockets, found <n> (scan took <duration>)")
        #expect(MessageMasker.mask("pointer 0xc000123abc in /tmp/TestX123/001/sock") == "pointer 0x<hex> in <tmp>")
        #expect(MessageMasker.mask("pod 123e4567-e89b-12d3-a456-426614174000 gone") == "pod <uuid> gone")
        #expect(MessageMasker.mask("timed out after 2m30s at 2026-11-25T13:44:44Z") == "timed out after <duration> at <time>")
        #expect(MessageMasker.mask("took 12µs, then 1h2m3.5s; größe 3") == "took <duration>, then <duration>; größe <n>")
        // Digits inside names stay: they are part of what failed, not a value.
        #expect(MessageMasker.mask("s390x and arm64 differ") == "s390x and arm64 differ")
        // Copied runs stop at every byte that may begin a token, inside words only at `0x`.
        #expect(MessageMasker.mask("id0xbeef_2 cafe 0 deadbeef1234 at/tmp/x:3 or /var/folders/a b")
            == "id0x<hex>_2 cafe <n> <hex> at<tmp>:<n> or <tmp> b")
        // A word of hex letters is copied only when it cannot be a long hex word, zeros and all.
        #expect(MessageMasker.mask("e30eba2E68E15) e30e) e0x1f") == "<hex>) e30e) e0x<hex>")
    }

    @Test func frameClassification() {
        #expect(FrameClassifier.isInProject("example.com/dmrace/devicemanager.initHandler"))
        #expect(FrameClassifier.isInProject("kubevirt.io/kubevirt/pkg/virt-handler/device-manager.(*DeviceController).Run"))
        #expect(!FrameClassifier.isInProject("runtime.mapassign_faststr"))
        #expect(!FrameClassifier.isInProject("sync/atomic.AddInt64"))
        #expect(!FrameClassifier.isInProject("testing.tRunner"))
        #expect(!FrameClassifier.isInProject("github.com/onsi/ginkgo/v2/internal.(*Suite).runNode"))
        #expect(!FrameClassifier.isInProject("kubevirt.io/kubevirt/vendor/github.com/onsi/gomega.Expect"))
        #expect(!FrameClassifier.isInProject("main.main"))
        #expect(FrameClassifier.normalizedFunction("kubevirt.io/kubevirt/vendor/k8s.io/client-go/tools/cache.(*Reflector).Run")
            == "k8s.io/client-go/tools/cache.(*Reflector).Run")
        #expect(FrameClassifier.normalizedFunction("_/home/ci/src/devicemanager.initHandler") == "devicemanager.initHandler")
        #expect(FrameClassifier.normalizedFunction("pkg_test.glob..func1.2") == "pkg_test.init.func1.2")
    }

    @Test func testNamesFromStackFrames() {
        func split(_ function: String) -> String? {
            TestNames.split(function: function).map { "\($0.package) \($0.test)" }
        }
        #expect(split("example.com/dmrace/devicemanager.TestDeviceControllerRemovesPlugins") == "example.com/dmrace/devicemanager TestDeviceControllerRemovesPlugins")
        #expect(split("example.com/m/pkg.TestFoo.func1.2") == "example.com/m/pkg TestFoo")
        // External test packages belong to the package under test.
        #expect(split("example.com/m/pkg_test.TestFoo_bar.func3") == "example.com/m/pkg TestFoo_bar")
        #expect(split("example.com/m/pkg.Test2Things") == "example.com/m/pkg Test2Things")
        #expect(split("example.com/m/pkg.Test_under") == "example.com/m/pkg Test_under")
        #expect(split("example.com/m/pkg.TestÉcole") == "example.com/m/pkg TestÉcole")
        #expect(split("pkg.TestFoo") == "pkg TestFoo")
        // Not tests: TestMain, Test alone, helpers whose name goes on in lower case, methods.
        #expect(split("example.com/m/pkg.TestMain") == nil)
        #expect(split("example.com/m/pkg.Test") == nil)
        #expect(split("example.com/m/pkg.Testing") == nil)
        #expect(split("example.com/m/pkg.Testé") == nil)
        #expect(split("example.com/m/pkg.(*DeviceController).Run") == nil)
        #expect(split("example.com/m/pkg.setupWithHandler.func2") == nil)
        #expect(split("testing.tRunner") == nil)
        #expect(split("noDotAtAll") == nil)
    }

    @Test func signaturesDropLineNumbersUnlessStrict() throws {
        let report = try #require(try Fixtures.parse("race-global.log").races.first).report
        let loose = RaceSignature.make(report, options: SignatureOptions())
        let strict = RaceSignature.make(report, options: SignatureOptions(keepLineNumbers: true))
        #expect(!loose.contains(":10"))
        #expect(strict.contains("globalrace.handle:10"))
        #expect(!loose.contains("0x"), "no addresses")
        #expect(!loose.contains("goroutine"), "no goroutine ids")
    }

    @Test func theSameRaceFromEveryCaptureIsOneGroup() throws {
        // Text, test2json and GitHub-stamped captures of the same two races, made at different times
        // (other addresses and goroutine ids): two groups, each seen in all three runs.
        let result = try Fixtures.analyze("race-two-races.log", "race-two-races.json", "ci-gha-timestamps.log")
        let races = result.analysis.groups.filter { $0.kind == .race }
        #expect(races.count == 2)
        #expect(races.allSatisfy { $0.runCount == 3 })
    }

    @Test func differentRacesNeverShareAGroup() throws {
        let names = [
            "race-heap.log", "race-global.log", "race-atomic.log", "race-main-goroutine.log", "race-outside-test.log",
            "race-two-races.log", "race-goroutine-finished.log",
        ]
        let result = try Analyzer.analyze(paths: names.map(Fixtures.path))
        let races = result.analysis.groups.filter { $0.kind == .race }
        // atomic: 2, two-races: 2, the rest: 1 each.
        #expect(races.count == 9)
        for race in races { #expect(Set(race.occurrences.map(\.runID)).count == 1) }
    }

    @Test func strictSignaturesSplitWhatLooseOnesJoin() throws {
        let loose = try Fixtures.analyze("race-main-goroutine.log").analysis.groups.filter { $0.kind == .race }
        let strict = try Fixtures.analyze(
            "race-main-goroutine.log", options: AnalyzeOptions(signature: SignatureOptions(keepLineNumbers: true))
        ).analysis.groups.filter { $0.kind == .race }
        #expect(loose.count == 1)
        #expect(strict.count >= 1)
    }

    @Test func groupIDsAreStable() {
        #expect(Grouper.stableID("race|a|b") == Grouper.stableID("race|a|b"))
        #expect(Grouper.stableID("race|a|b") != Grouper.stableID("race|a|c"))
        #expect(Grouper.stableID("") == "cbf29ce484222325")
    }

    @Test func diagnosisOfATestSetupWriteAgainstPackageCode() throws {
        let result = try Fixtures.analyze("race-global.log")
        let race = try #require(result.analysis.groups.first?.race)
        // Both accesses come from test code here: no test-setup hint.
        #expect(!race.hints.contains { $0.kind == .testSetupWrite })
    }
}

/// A report's stack facts are remembered by its frames and by which side wrote: the same two
/// stacks with the write on the other side are another report.
@Suite struct RaceStackMemoTests {
    private func report(writeIn write: Frame, readIn read: Frame) -> RaceReport {
        var report = RaceReport(occurrence: Occurrence(runID: 0, line: 1), endLine: 1)
        report.accesses = [
            RaceAccess(kind: .write, atomic: false, previous: false, address: "0x00c000012345", goroutine: .id(7), frames: [write]),
            RaceAccess(kind: .read, atomic: false, previous: true, address: "0x00c000012345", goroutine: .id(8), frames: [read]),
        ]
        return report
    }

    @Test func theWritingSideIsPartOfTheKey() {
        let inTest = Frame(function: "example.com/m/pkg.setupWithHandler", file: "/src/pkg/pkg_test.go", line: 84)
        let inPackage = Frame(function: "example.com/m/pkg.initHandler", file: "/src/pkg/pkg.go", line: 37)
        let memo = RaceStackMemo()
        func facts(_ report: RaceReport) -> RaceDiagnosis.StackFacts {
            memo.stacks(of: report) {
                RaceStackMemo.Stacks(
                    sides: [], signature: HashedString("race|"), stackTests: [], facts: RaceDiagnosis.StackFacts(report))
            }.facts
        }
        #expect(facts(report(writeIn: inTest, readIn: inPackage)).setupWrite?.kind == .testSetupWrite)
        #expect(facts(report(writeIn: inPackage, readIn: inTest)).setupWrite == nil)
        #expect(facts(report(writeIn: inTest, readIn: inPackage)).firstAccessFrame == inTest)
    }

    /// Reports that share their frame arrays (as `StackMemo` and `RaceBlockMemo` hand them out)
    /// are found by the arrays, and still told apart by which side wrote.
    @Test func sharedFrameArraysAreFoundAndTheWritingSideStillCounts() {
        let inTest = [Frame(function: "example.com/m/pkg.setupWithHandler", file: "/src/pkg/pkg_test.go", line: 84)]
        let inPackage = [Frame(function: "example.com/m/pkg.initHandler", file: "/src/pkg/pkg.go", line: 37)]
        func report(_ first: AccessKind, _ second: AccessKind) -> RaceReport {
            var report = RaceReport(occurrence: Occurrence(runID: 0, line: 1), endLine: 1)
            report.accesses = [
                RaceAccess(kind: first, atomic: false, previous: false, address: nil, goroutine: .id(7), frames: inTest),
                RaceAccess(kind: second, atomic: false, previous: true, address: nil, goroutine: .id(8), frames: inPackage),
            ]
            return report
        }
        let memo = RaceStackMemo()
        var computed = 0
        func facts(_ report: RaceReport) -> RaceDiagnosis.StackFacts {
            memo.stacks(of: report) {
                computed += 1
                return RaceStackMemo.Stacks(
                    sides: [], signature: HashedString("race|"), stackTests: [], facts: RaceDiagnosis.StackFacts(report))
            }.facts
        }
        #expect(facts(report(.write, .read)).setupWrite?.kind == .testSetupWrite)
        #expect(facts(report(.write, .read)).setupWrite?.kind == .testSetupWrite)
        #expect(computed == 1)
        #expect(facts(report(.read, .write)).setupWrite == nil)
        #expect(computed == 2)
    }
}

/// The address table behind the package-level-variable hint stays bounded however many heap
/// addresses the logs hold, and keeps the address that recurs.
@Suite struct RaceDiagnosisBoundTests {
    private func observe(address: String, run: Int, in diagnosis: inout RaceDiagnosis) {
        var report = RaceReport(occurrence: Occurrence(runID: run, line: 1), endLine: 1)
        let frame = Frame(function: "example.com/m/pkg.initHandler", file: "/src/pkg/handler.go", line: 37)
        report.accesses = [
            RaceAccess(kind: .read, atomic: false, previous: false, address: address, goroutine: .id(7), frames: [frame], stackUnavailable: false),
            RaceAccess(kind: .write, atomic: false, previous: true, address: address, goroutine: .id(8), frames: [frame], stackUnavailable: false),
        ]
        diagnosis.observe(report: .read(report), detectedIn: [], arch: "s390x", runID: run, stackFacts: RaceDiagnosis.StackFacts(report))
    }

    @Test func heapAddressesDoNotGrowTheTable() {
        var diagnosis = RaceDiagnosis()
        observe(address: "0x000000354c40", run: 0, in: &diagnosis)
        observe(address: "0x000000354c40", run: 1, in: &diagnosis)
        for run in 2..<(3 * RaceDiagnosis.addressLimit) {
            observe(address: "0x00c000\(String(run, radix: 16))", run: run, in: &diagnosis)
        }
        observe(address: "0x000000354c40", run: 3 * RaceDiagnosis.addressLimit, in: &diagnosis)
        #expect(diagnosis.trackedAddresses <= RaceDiagnosis.addressLimit)
        let hint = diagnosis.hints.first { $0.kind == .packageLevelVariable }
        #expect(hint?.evidence.first == "the same address 0x000000354c40 in 3 separate runs on s390x")
    }
}

/// A failure's masked message, signature and title come from a worker's memo (by masked
/// message) exactly as they would be made without one.
@Suite struct FailureMemoTests {
    @Test func rememberedAsMadeWithoutAMemo() {
        let memo = FailureMemo()
        let failures: [(GroupKind, String, String)] = [
            (.failure, "TestA", "want 1, got 2"), (.failure, "TestA", "want 1, got 2"),
            // Masked alike: the second is found by its masked message.
            (.failure, "TestA", "scan took 2.661413ms"), (.failure, "TestA", "scan took 3.1ms"),
            (.failure, "TestB", "scan took 3.1ms"), (.panic, "TestA", "want 1, got 2"), (.failure, "TestA", "want 1, got 3"),
        ]
        for (kind, test, message) in failures {
            let remembered = memo.made(kind: kind, package: "example.com/m/pkg", test: test, message: message, extraKey: "")
            let made = FailureMemo.make(
                kind: kind, package: "example.com/m/pkg", test: test, masked: MessageMasker.mask(message), extraKey: "")
            #expect(remembered.signature == made.signature)
            #expect(remembered.masked == made.masked)
            #expect(remembered.title() == made.title())
        }
        #expect(
            memo.made(kind: .failure, package: "example.com/m/pkg", test: "TestA", message: "scan took 9s", extraKey: "").signature.string
                == "failure|example.com/m/pkg|TestA|scan took <duration>|")
    }
}

/// Workers count test results apart; merged, the counts are those of one table fed every run.
@Suite struct TestTalliesMergeTests {
    @Test func mergedEqualsCountedTogether() {
        func log(_ outcomes: [(String, TestOutcome)]) -> ParsedLog {
            var log = ParsedLog()
            log.tests = outcomes.enumerated().map { index, test in
                TestResult(package: "p", name: test.0, outcome: test.1, line: index + 1, messages: [], raceDetected: false)
            }
            return log
        }
        let runs: [(ParsedLog, String)] = [
            (log([("TestA", .passed), ("TestB", .failed)]), "amd64"),
            (log([("TestA", .failed), ("TestC", .skipped)]), "s390x"),
            (log([("TestA", .passed), ("TestB", .passed)]), "s390x"),
            (log([("TestB", .failed)]), "amd64"),
        ]
        var together = TestTallies()
        for (log, arch) in runs { together.add(testsOf: log, arch: arch) }
        var first = TestTallies(), second = TestTallies()
        for (index, (log, arch)) in runs.enumerated() {
            if index % 2 == 0 { second.add(testsOf: log, arch: arch) } else { first.add(testsOf: log, arch: arch) }
        }
        var merged = TestTallies()
        merged.merge(first)
        merged.merge(second)
        for name in ["TestA", "TestB", "TestC"] {
            let key = TestKey(package: "p", name: name)
            let expected = together.perArch(key)!.mapValues { [$0.passed, $0.failed, $0.skipped] }
            #expect(merged.perArch(key)!.mapValues { [$0.passed, $0.failed, $0.skipped] } == expected)
        }
        #expect(Set(merged.keys.map(\.name)) == ["TestA", "TestB", "TestC"])
    }

    /// Runs usually repeat the last run's order (the tallies guess the next test from it); runs
    /// that reorder, drop, add or repeat tests, or move one to another package, count the same as
    /// a plain count of every result.
    @Test func countsDoNotDependOnTheOrderOfTests() {
        let orders: [[(String, String)]] = [
            [("p", "TestA"), ("p", "TestB"), ("p", "TestC")],
            [("p", "TestA"), ("p", "TestB"), ("p", "TestC")],
            [("p", "TestC"), ("p", "TestA"), ("p", "TestB")],
            [("p", "TestA"), ("q", "TestB"), ("p", "TestC"), ("p", "TestD")],
            [("p", "TestA"), ("p", "TestA"), ("p", "TestB")],
            [],
            [("p", "TestB")],
            [("p", "TestA"), ("p", "TestB"), ("p", "TestC")],
        ]
        var tallies = TestTallies()
        var expected: [String: [Int]] = [:]
        for (run, tests) in orders.enumerated() {
            var log = ParsedLog()
            log.tests = tests.enumerated().map { index, test in
                let outcome: TestOutcome = (run + index) % 3 == 0 ? .failed : (run + index) % 3 == 1 ? .passed : .skipped
                let slot = outcome == .passed ? 0 : outcome == .failed ? 1 : 2
                expected["\(test.0)|\(test.1)", default: [0, 0, 0]][slot] += 1
                return TestResult(package: test.0, name: test.1, outcome: outcome, line: index + 1, messages: [], raceDetected: false)
            }
            tallies.add(testsOf: log, arch: "amd64")
        }
        for (key, counts) in expected {
            let parts = key.split(separator: "|").map(String.init)
            let tally = tallies.perArch(TestKey(package: parts[0], name: parts[1]))?["amd64"]
            #expect(tally.map { [$0.passed, $0.failed, $0.skipped] } == counts, "\(key)")
        }
        #expect(tallies.keys.count == expected.count)
    }

    /// Counts live in a few slots per test; a ninth architecture widens them twice, and what was
    /// counted before (and tests first seen after) keeps its counts, also through a merge.
    @Test func countsSurviveMoreArchitecturesThanSlots() {
        let arches = ["amd64", "arm64", "s390x", "ppc64le", "riscv64", "386", "arm", "mips64le", "loong64"]
        var tallies = TestTallies()
        var expected: [String: [String: [Int]]] = [:]
        for (run, arch) in (arches + arches.reversed()).enumerated() {
            var log = ParsedLog()
            let names = run < arches.count ? ["TestA", "TestB"] : ["TestB", "TestC"]
            log.tests = names.enumerated().map { index, name in
                let outcome: TestOutcome = (run + index) % 3 == 0 ? .failed : (run + index) % 3 == 1 ? .passed : .skipped
                let slot = outcome == .passed ? 0 : outcome == .failed ? 1 : 2
                expected[name, default: [:]][arch, default: [0, 0, 0]][slot] += 1
                return TestResult(package: "p", name: name, outcome: outcome, line: index + 1, messages: [], raceDetected: false)
            }
            tallies.add(testsOf: log, arch: arch)
        }
        var merged = TestTallies()
        _ = merged.archNumber("windows")
        merged.merge(tallies)
        for table in [tallies, merged] {
            for (name, byArch) in expected {
                let counts = table.perArch(TestKey(package: "p", name: name))?.mapValues { [$0.passed, $0.failed, $0.skipped] }
                #expect(counts == byArch, "\(name)")
            }
        }
    }
}
