import Testing
@testable import FlakeCore

/// `go test` framing, results, package lines, panics, timeouts and build failures, in text and
/// in test2json form (the same runs captured both ways must parse alike).
@Suite struct GoTestOutputParsingTests {
    typealias Outcome = (name: String, outcome: TestOutcome)

    static func outcomes(_ log: ParsedLog) -> [String: TestOutcome] {
        Dictionary(uniqueKeysWithValues: log.tests.map { ($0.name, $0.outcome) })
    }

    @Test(arguments: ["subtests-parallel.log", "subtests-parallel.json"])
    func subtestsParallelTestsAndSkips(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let outcomes = Self.outcomes(log)
        #expect(outcomes.count == 15)
        #expect(outcomes["TestTable"] == .failed)
        #expect(outcomes["TestTable/odd"] == .failed)
        #expect(outcomes["TestTable/zero"] == .passed)
        #expect(outcomes["TestParallel/a"] == .passed)
        #expect(outcomes["TestTopLevelParallelTwo"] == .failed)
        #expect(outcomes["TestWholeSkip"] == .skipped)
        #expect(outcomes["TestSkipped/needs_gpu"] == .skipped)
        #expect(log.packages.map(\.name) == ["example.com/shapes/subtests"])
        #expect(log.packages.map(\.outcome) == [.failed])
        let odd = try #require(log.tests.first { $0.name == "TestTable/odd" })
        #expect(odd.messages == ["sub_test.go:17: double(3) = 6, want 7"])
        // t.Log output of a passing parallel subtest is kept with that subtest.
        #expect(log.tests.first { $0.name == "TestParallel/a" }?.messages.count == 1)
        #expect(log.format == (fixture.hasSuffix(".json") ? .goTestJSON : .goTestText))
    }

    @Test(arguments: ["multi-package.log", "multi-package-verbose.log", "multi-package.json"])
    func severalPackagesInOneRun(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let packages = log.packages.map { ($0.name, $0.outcome) }
        #expect(packages.map(\.0) == [
            "example.com/shapes/multi/alpha", "example.com/shapes/multi/beta", "example.com/shapes/multi/gamma",
            "example.com/shapes/notests",
        ])
        #expect(packages.map(\.1) == [.passed, .failed, .noTestFiles, .noTestFiles])
        // Tests belong to the package whose `ok`/`FAIL` line follows them.
        let beta = try #require(log.tests.first { $0.name == "TestBeta" })
        #expect(beta.package == "example.com/shapes/multi/beta")
        #expect(beta.messages == ["beta_test.go:5: beta broke"])
        if fixture != "multi-package.log" {
            #expect(log.tests.first { $0.name == "TestAlpha" }?.package == "example.com/shapes/multi/alpha")
        }
    }

    @Test func packageWithoutTestFiles() throws {
        let log = try Fixtures.parse("no-test-files.log")
        #expect(log.packages.map(\.outcome) == [.noTestFiles])
        #expect(log.packages.first?.name == "example.com/shapes/notests")
    }

    @Test(arguments: ["panic.log", "panic.json"])
    func panicInATest(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let panic = try #require(log.panics.first)
        #expect(log.panics.count == 1)
        #expect(panic.message == "runtime error: index out of range [2] with length 1")
        #expect(panic.test == "TestIndexPanic")
        #expect(!panic.isTimeout)
        #expect(panic.frames.contains { $0.function == "example.com/shapes/panics.TestIndexPanic" })
        #expect(panic.frames.contains { $0.function == "panic" })
        #expect(Self.outcomes(log)["TestIndexPanic"] == .failed)
        #expect(Self.outcomes(log)["TestBeforePanic"] == .passed)
        #expect(log.packages.map(\.outcome) == [.failed])

        let group = try #require(try Fixtures.analyze(fixture).analysis.groups.first)
        #expect(group.kind == .panic)
        #expect(group.tests == ["TestIndexPanic"])
        #expect(group.failure?.maskedMessage == "panic: runtime error: index out of range [<n>] with length <n>")
    }

    @Test(arguments: ["timeout.log", "timeout.json"])
    func testTimedOut(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let panic = try #require(log.panics.first)
        #expect(panic.isTimeout)
        #expect(panic.message == "test timed out after 2s")
        // Go 1.19 prints no `running tests:` list; the goroutine dump names the test.
        #expect(panic.runningTests == ["TestHangs"])
        let group = try #require(try Fixtures.analyze(fixture).analysis.groups.first)
        #expect(group.kind == .timeout)
        #expect(group.tests == ["TestHangs"])
        #expect(group.title == "TestHangs: test timed out after <duration>")
    }

    @Test(arguments: ["build-failure.log", "build-failure.json"])
    func buildFailure(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let build = try #require(log.buildFailures.first)
        #expect(build.package == "example.com/shapes/buildfail")
        #expect(build.messages.count == 3)
        #expect(build.messages.first == "buildfail/broken.go:6:3: invalid operation: total++ (non-numeric type string)")
        #expect(log.packages.map(\.outcome) == [.buildFailed])
        let group = try #require(try Fixtures.analyze(fixture).analysis.groups.first)
        #expect(group.kind == .build)
        #expect(group.packages == ["example.com/shapes/buildfail"])
    }

    @Test func textAndJSONOfTheSameShapesGroupAlike() throws {
        for (text, json) in [
            ("race-two-races.log", "race-two-races.json"), ("panic.log", "panic.json"), ("timeout.log", "timeout.json"),
            ("subtests-parallel.log", "subtests-parallel.json"),
        ] {
            let fromText = try Fixtures.analyze(text).analysis.groups.map(\.id)
            let fromJSON = try Fixtures.analyze(json).analysis.groups.map(\.id)
            #expect(fromText == fromJSON, "\(text) vs \(json)")
        }
    }

    @Test func raceDetectedLinesMarkTheirTests() throws {
        let log = try Fixtures.parse("race-two-races.json")
        #expect(log.races.map(\.detectedIn) == [["TestCacheRace"], ["TestCounterRace"]])
        #expect(log.tests.filter(\.raceDetected).map(\.name).sorted() == ["TestCacheRace", "TestCounterRace"])
        // The race-detected line is not an assertion message.
        #expect(log.tests.allSatisfy { $0.messages.isEmpty })
    }
}
