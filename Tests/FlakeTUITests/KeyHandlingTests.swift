import FlakeCore
import FlakeTUI
import Testing

@Suite struct KeyHandlingTests {
    @Test func movesAndClampsTheSelection() {
        var state = AppState.fixture()
        state.press(.char("j"), .char("j"))
        #expect(state.listScreen?.selected == 2)
        state.press(.char("G"))
        #expect(state.listScreen?.selected == 3)
        state.press(.down, .pageDown, .ctrl("d"))
        #expect(state.listScreen?.selected == 3)
        state.press(.char("g"), .up, .pageUp, .ctrl("u"))
        #expect(state.listScreen?.selected == 0)
    }

    @Test func statusLineChangesOnEveryAction() {
        var state = AppState.fixture()
        var seen: [String] = [state.status]
        for key in [Key.char("j"), .char("k"), .char("s"), .char("a"), .enter, .tab, .escape, .char("/"), .char("x"), .escape] {
            state.press(key)
            #expect(state.status != seen.last, "status did not change after \(key)")
            seen.append(state.status)
        }
    }

    @Test func drillsIntoTheRaceSwitchesPanesAndComesBack() {
        var state = AppState.fixture()
        state.press(.enter)
        let doc = state.documentScreen
        #expect(doc?.kind == .groupDetail)
        #expect(doc?.title.contains("initHandler") == true)
        #expect(doc?.focus == 0)
        state.press(.tab)
        #expect(state.documentScreen?.focus == 1)
        state.press(.tab, .tab)
        #expect(state.documentScreen?.focus == 0)
        state.press(.char("h"))
        #expect(state.screen.kind == .overview)
        #expect(state.stack.count == 1)
    }

    @Test func qGoesBackThenQuits() {
        var state = AppState.fixture()
        state.press(.char("l"))
        #expect(state.press(.char("q")) == nil)
        #expect(state.screen.kind == .overview)
        #expect(state.press(.char("q")) == .quit)
    }

    @Test func filterNarrowsAsYouTypeAndEscClearsIt() {
        var state = AppState.fixture()
        state.press(.char("/"))
        #expect(state.mode == .prompt)
        state.type("time")
        #expect(state.listScreen?.rows.count == 1)
        #expect(state.listScreen?.filter == "time")
        state.press(.backspace, .backspace, .backspace, .backspace)
        #expect(state.listScreen?.rows.count == 4)
        state.type("INIThandler")
        #expect(state.listScreen?.rows.count == 1, "matching ignores case")
        state.press(.enter)
        #expect(state.mode == .normal)
        #expect(state.listScreen?.rows.count == 1)
        state.press(.escape)
        #expect(state.listScreen?.filter == "")
        #expect(state.listScreen?.rows.count == 4)
    }

    @Test func filterTreatsRegexCharactersAsARegex() {
        var state = AppState.fixture()
        state.press(.char("/"))
        state.type("^(panic|timeout) ")
        let kinds = state.listScreen?.rows.map { state.index.analysis.groups[Int($0)].kind }
        #expect(kinds == [.panic, .timeout])
        state.press(.escape)
        state.press(.char("/"))
        state.type("[unclosed")
        #expect(state.listScreen?.rows.count == 0, "an invalid regex matches literally")
    }

    @Test func nAndNCycleThroughMatches() {
        var state = AppState.fixture()
        state.press(.char("/"))
        state.type("TestDeviceController")
        state.press(.enter)
        let count = state.listScreen?.rows.count ?? 0
        #expect(count == 3)
        state.press(.char("n"))
        #expect(state.listScreen?.selected == 1)
        state.press(.char("N"), .char("N"))
        #expect(state.listScreen?.selected == count - 1)
    }

    @Test func sortCyclesAndKeepsTheSelectedGroup() {
        var state = AppState.fixture()
        state.press(.char("j"))
        let selected = state.listScreen?.selectedRow
        state.press(.char("s"))
        #expect(state.status.contains("rate"))
        #expect(state.listScreen?.selectedRow == selected)
        state.press(.char("s"), .char("s"))
        #expect(state.status.contains("title"))
        let titles = state.listScreen!.rows.map { state.index.readableTitles[Int($0)] }
        #expect(titles == titles.sorted())
    }

    @Test func archFilterCyclesThroughArchesAndBack() {
        var state = AppState.fixture()
        state.press(.char("a"))
        #expect(state.archName == "amd64")
        // On amd64 only the race and the failure occurred.
        #expect(state.listScreen?.rows.count == 2)
        state.press(.char("a"))
        #expect(state.archName == "arm64")
        #expect(state.listScreen?.rows.count == 3)
        state.press(.char("a"), .char("a"))
        #expect(state.archName == nil)
        #expect(state.listScreen?.rows.count == 4)
    }

    @Test func testsViewDrillsToTheGroupsOfATest() {
        var state = AppState.fixture()
        state.press(.char("t"))
        #expect(state.screen.kind == .tests)
        let first = state.index.analysis.tests[state.listScreen!.selectedRow!]
        #expect(first.name == "TestDeviceController/updates_plugins", "flaky tests with most failures first")
        state.press(.enter)
        #expect(state.screen.kind == .testGroups)
        let ids = state.listScreen!.rows.map { state.index.analysis.groups[Int($0)].id }
        #expect(Set(ids) == Set(first.groupIDs))
        state.press(.enter)
        #expect(state.screen.kind == .groupDetail)
        #expect(state.stack.map(\.kind) == [.overview, .tests, .testGroups, .groupDetail])
    }

    @Test func logViewOpensAtTheOccurrenceAndHandsTheLineToThePager() {
        var state = AppState.fixture()
        state.press(.enter, .enter)
        let log = state.documentScreen
        #expect(log?.kind == .log)
        #expect(log?.panes[0].cursor == 11, "cursor on line 12, the report's first")
        #expect(state.press(.char("o")) == .openPager(PagerTarget(path: "/logs/amd64/run-1.log", line: 12)))
        state.press(.char("j"))
        #expect(state.press(.char("o")) == .openPager(PagerTarget(path: "/logs/amd64/run-1.log", line: 13)))
    }

    @Test func enterOnARunLineOpensThatOccurrence() {
        var state = AppState.fixture()
        state.press(.enter, .tab, .tab)
        guard let doc = state.documentScreen else {
            Issue.record("not on the race detail")
            return
        }
        let runLine = doc.panes[2].lines.lastIndex { $0.target != nil }!
        state.press(.char("G"))
        #expect(state.documentScreen?.panes[2].cursor == doc.panes[2].lines.count - 1)
        while state.documentScreen!.panes[2].cursor > runLine { state.press(.char("k")) }
        state.press(.enter)
        #expect(state.documentScreen?.title.hasPrefix("arm64/run-") == true || state.documentScreen?.title.hasPrefix("s390x/run-") == true)
    }

    @Test func searchInADocumentJumpsToMatches() {
        var state = AppState.fixture()
        state.press(.enter, .enter, .char("/"))
        state.type("log line 5")
        #expect(state.documentScreen?.panes[0].cursor == 49)
        state.press(.enter, .char("n"))
        #expect(state.documentScreen?.panes[0].cursor == 50, "line 51 also matches")
        state.press(.char("N"), .char("N"))
        #expect(state.documentScreen?.panes[0].cursor == 4, "backwards past line 12 to line 5")
    }

    @Test func exportAsksForTheScreenContent() {
        var state = AppState.fixture()
        guard case .export(let request)? = state.press(.char("e")) else {
            Issue.record("e did not export")
            return
        }
        #expect(request.screen == .overview)
        #expect(request.groupIDs == state.index.analysis.groups.map(\.id))
        #expect(request.screenText.contains("initHandler"))
    }

    @Test func helpOpensAndClosesAndSwallowsOtherKeys() {
        var state = AppState.fixture()
        state.press(.char("?"))
        #expect(state.mode == .help)
        state.press(.char("t"))
        #expect(state.screen.kind == .overview)
        state.press(.escape)
        #expect(state.mode == .normal)
    }

    @Test(arguments: [(1, 1), (2, 2), (5, 3), (19, 4), (20, 5), (40, 10), (7, 30)])
    func anySizeRendersWithoutTrapping(_ width: Int, _ height: Int) {
        var state = AppState.fixture()
        for keys in [[Key.enter], [.tab], [.enter], [.char("?")]] {
            reduce(&state, .resize(Size(width: width, height: height)))
            #expect(render(state).size == Size(width: width, height: height))
            state.press(keys[0])
            state.press(.char("j"), .char("G"), .pageDown)
            _ = render(state)
        }
    }

    @Test func keepsTheSelectionVisibleWhenTheTerminalShrinks() {
        var state = AppState.fixture(80, 24)
        state.press(.char("G"))
        reduce(&state, .resize(Size(width: 40, height: 6)))
        let grid = render(state)
        #expect(grid.text.contains("▸"))
    }
}
