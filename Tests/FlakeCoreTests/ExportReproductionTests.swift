import Testing

@testable import FlakeCore

@Suite struct ExportReproductionTests {
    static func group(kind: GroupKind = .race, tests: [String], rates: [(String, Int, Int)]) -> FlakeGroup {
        FlakeGroup(
            id: "id", kind: kind, title: "t", signature: "s", tests: tests, packages: ["example.com/m/pkg"],
            perArch: rates.map { ArchRate(arch: $0.0, occurrences: $0.1, runs: $0.2, ci95: Proportions.wilson($0.1, $0.2)) },
            archDifferenceP: nil, occurrences: [], race: nil, failure: nil)
    }

    @Test func countCoversTheLowestObservedRate() {
        // 9/50 on s390x needs 16 runs; 2/50 on amd64 needs 74; the command must cover both.
        let command = ReproductionCommand(
            group: Self.group(tests: ["TestX"], rates: [("amd64", 2, 50), ("s390x", 9, 50), ("arm64", 0, 50)]), runs: [])
        #expect(command.count == Proportions.runsToObserve(rate: 0.04))
        #expect(command.count == 74)
        #expect(command.limitingArch == "amd64")
        #expect(command.command == "go test -race -count=74 -run '^TestX$' example.com/m/pkg")
    }

    @Test func subtestsAreAnchoredPerLevel() {
        #expect(ReproductionCommand.runPattern(["TestTable/odd.case"]) == "^TestTable$/^odd\\.case$")
        #expect(ReproductionCommand.runPattern(["TestA/x", "TestA/y"]) == "^TestA$")
        #expect(ReproductionCommand.runPattern(["TestA", "TestB/y"]) == "^(TestA|TestB)$")
        #expect(ReproductionCommand.runPattern([]) == nil)
    }

    @Test func quotesSurviveTheShell() {
        #expect(ReproductionCommand.shellQuoted("it's") == "'it'\\''s'")
        #expect(ReproductionCommand.shellQuoted("example.com/m/pkg") == "example.com/m/pkg")
    }

    @Test func failuresWithoutTheDetectorRunWithoutIt() {
        let command = ReproductionCommand(group: Self.group(kind: .failure, tests: ["TestY"], rates: [("amd64", 1, 4)]), runs: [])
        #expect(command.command == "go test -count=11 -run '^TestY$' example.com/m/pkg")
    }
}
