import FlakeCore
import FlakeTUI
import Testing

@Suite struct ProblemsViewTests {
    private func state(problems: [Problem]) -> AppState {
        let base = FixtureAnalysis.make()
        let analysis = Analysis(
            runs: base.runs, arches: base.arches, groups: base.groups, tests: base.tests, problems: problems)
        return AppState(analysis: analysis, size: Size(width: 100, height: 30))
    }

    @Test func pOpensTheProblemsOfEachFileAndEscapeComesBack() {
        var app = state(problems: [
            Problem(path: "logs/corrupt.log.gz", message: "corrupt gzip data after 547 compressed bytes"),
            Problem(path: "logs/pipe.log", message: "FIFO (named pipe): skipped, never opened"),
            Problem(path: "logs/corrupt.log.gz", message: "NUL bytes on 1 line(s), the first at line 2: read as text"),
        ])
        app.press(.char("p"))
        let doc = app.documentScreen
        #expect(doc?.kind == .problems)
        #expect(doc?.title == "Problems (3 in 2 files)")
        #expect(doc?.panes[0].lines.map(\.plainText) == [
            "logs/corrupt.log.gz",
            "    corrupt gzip data after 547 compressed bytes",
            "    NUL bytes on 1 line(s), the first at line 2: read as text",
            "logs/pipe.log",
            "    FIFO (named pipe): skipped, never opened",
        ])
        // Keys that act on groups do nothing harmful here.
        app.press(.enter, .char("o"), .char("e"))
        #expect(app.screen.kind == .problems)
        app.press(.escape)
        #expect(app.screen.kind == .overview)
    }

    @Test func saysSoWhenEveryFileWasRead() {
        var app = state(problems: [])
        app.press(.char("p"))
        #expect(app.documentScreen?.panes[0].lines.map(\.plainText) == ["every file was read whole"])
        #expect(KeyMap.bindings.contains { $0.action == .problemsView && $0.keys == [.char("p")] })
    }
}
