import Testing
@testable import FlakeCore

/// Ginkgo v1 suites (Debian's golang-ginkgo-dev): progress dots with the race separator glued
/// to them, verbose output, and colour codes.
@Suite struct GinkgoParsingTests {
    static let variants = [
        "ginkgo-dots-color.log", "ginkgo-dots-nocolor.log", "ginkgo-verbose-color.log", "ginkgo-verbose-nocolor.log",
    ]

    @Test(arguments: variants)
    func specFailuresAndTheRaceInsideASpec(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        #expect(log.format == .ginkgo)
        // The detector reports the map write twice (two stack pairs); one race all the same.
        #expect(log.races.count == 2, "the separator glued to the dots still opens the report")
        #expect(log.races.allSatisfy { $0.detectedIn == ["TestSuite"] })
        let groups = try Fixtures.analyze(fixture).analysis.groups
        #expect(groups.filter { $0.kind == .race }.count == 1)
        #expect(log.specFailures.map(\.spec).sorted() == [
            "Device plugins [It] counts two plugins", "Device plugins when restarting [It] restarts within the deadline",
        ])
        let counts = try #require(log.specFailures.first { $0.spec.hasSuffix("counts two plugins") })
        #expect(counts.message.hasPrefix("Expected\n"))
        #expect(counts.message.hasSuffix("to have length 2"))
        #expect(counts.suiteTest == "TestSuite")
        #expect(log.specFailures.allSatisfy { $0.package == "example.com/gkshapes/suite" })
    }

    /// A failure block's message is the spec's own lines, without its heading and code
    /// locations, in every rendering.
    @Test(arguments: variants)
    func failureMessagesAreTheSpecsOwnLines(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let messages = Dictionary(uniqueKeysWithValues: log.specFailures.map { ($0.spec, $0.message) })
        #expect(messages["Device plugins [It] counts two plugins"] == "Expected\n<map[string]int | len:1>: {\"kvm\": 1}\nto have length 2")
        let deadline = try #require(messages["Device plugins when restarting [It] restarts within the deadline"])
        #expect(deadline.hasPrefix("Expected\n<time.Duration>: "))
        #expect(deadline.hasSuffix("\nto be <\n<time.Duration>: 1000000"))
    }

    @Test func goLocations() {
        #expect(GinkgoOutputParser.isGoLocation("/tmp/gkshapes/suite/suite_test.go:42"))
        #expect(!GinkgoOutputParser.isGoLocation("  /tmp/gkshapes/suite/suite_test.go:42"))
        #expect(!GinkgoOutputParser.isGoLocation("/tmp/gkshapes/suite/suite_test.go:"))
        #expect(!GinkgoOutputParser.isGoLocation("/tmp/gkshapes/suite/suite_test.go:42x"))
        #expect(!GinkgoOutputParser.isGoLocation("/tmp/gkshapes/suite/README:42"))
    }

    @Test func allFourRenderingsGiveTheSameGroups() throws {
        let ids = try Self.variants.map { try Fixtures.analyze($0).analysis.groups.map(\.id).sorted() }
        #expect(Set(ids).count == 1)
        #expect(ids[0].count == 3)
    }

    @Test func raceInAGinkgoClosureKeepsItsFrames() throws {
        let result = try Fixtures.analyze("ginkgo-dots-nocolor.log")
        let race = try #require(result.analysis.groups.first { $0.kind == .race })
        // Go < 1.22 names package-level closures glob..func; the signature uses init.func.
        #expect(race.signature.contains("suite_test.init.func1.3.1.1"))
        #expect(!race.signature.contains("ginkgo"))
        #expect(race.title == "data race: suite_test.init.func1.3.1.1 ↔ suite_test.init.func1.3.1.2")
    }
}
