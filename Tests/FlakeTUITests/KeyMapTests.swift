import FlakeTUI
import Testing

@Suite struct KeyMapTests {
    @Test func nothingBindsCtrlS() {
        let all = KeyMap.bindings + KeyMap.promptBindings + KeyMap.helpBindings
        #expect(!all.contains { $0.keys.contains(.ctrl("s")) })
        for screen in ScreenKind.allCases {
            #expect(KeyMap.action(for: .ctrl("s"), mode: .normal, screen: screen) == nil)
        }
    }

    @Test func noKeyIsBoundTwiceOnOneScreen() {
        for screen in ScreenKind.allCases {
            let keys = KeyMap.bindings.filter { $0.applies(to: screen) }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "duplicate key on \(screen)")
        }
    }

    @Test(arguments: [
        (Key.char("j"), Action.moveDown), (.down, .moveDown), (.char("k"), .moveUp), (.up, .moveUp),
        (.pageDown, .pageDown), (.pageUp, .pageUp), (.ctrl("d"), .halfPageDown), (.ctrl("u"), .halfPageUp),
        (.char("g"), .top), (.char("G"), .bottom), (.enter, .drillIn), (.char("l"), .drillIn),
        (.escape, .back), (.char("h"), .back), (.backspace, .back), (.char("/"), .beginFilter),
        (.char("n"), .nextMatch), (.char("N"), .previousMatch), (.char("s"), .cycleSort), (.char("a"), .cycleArch),
        (.char("t"), .testsView), (.char("e"), .export), (.char("?"), .toggleHelp), (.char("q"), .backOrQuit),
    ])
    func overviewKeys(_ key: Key, _ action: Action) {
        #expect(KeyMap.action(for: key, mode: .normal, screen: .overview) == action)
    }

    @Test func tabSwitchesPanesOnDetailScreens() {
        #expect(KeyMap.action(for: .tab, mode: .normal, screen: .groupDetail) == .nextPane)
        #expect(KeyMap.action(for: .char("o"), mode: .normal, screen: .log) == .openPager)
    }

    @Test func promptTypesLettersInsteadOfRunningThem() {
        #expect(KeyMap.action(for: .char("q"), mode: .prompt, screen: .overview) == .filterInput("q"))
        #expect(KeyMap.action(for: .char("j"), mode: .prompt, screen: .overview) == .filterInput("j"))
        #expect(KeyMap.action(for: .enter, mode: .prompt, screen: .overview) == .filterAccept)
        #expect(KeyMap.action(for: .escape, mode: .prompt, screen: .overview) == .filterCancel)
    }

    @Test func helpOverlayListsEveryBindingFromTheTable() {
        var state = AppState.fixture(120, 60)
        state.press(.char("?"))
        let text = render(state).text
        for binding in KeyMap.bindings + KeyMap.promptBindings {
            #expect(text.contains(binding.description), "help lacks \(binding.description)")
        }
    }

    @Test func hintBarComesFromTheTable() {
        let state = AppState.fixture(200, 30)
        let grid = render(state)
        let bar = grid.rowText(grid.height - 2)
        for hint in KeyMap.hints(mode: .normal, screen: .overview) {
            #expect(bar.contains("\(hint.keys) \(hint.word)"), "hint bar lacks \(hint.keys) \(hint.word)")
        }
    }
}
