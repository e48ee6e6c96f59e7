import FlakeCore
import FlakeTUI
import Testing

/// Every screen at the three reference sizes from the real `SampleLogs/` store.
@Suite struct SampleGoldenScreenTests {
    /// Keys that select the first group whose title contains `text`, from the top of the overview.
    static func select(_ text: String, in state: AppState) -> [Key] {
        guard case .list(_, let list) = state.screen,
            let at = list.rows.firstIndex(where: { state.index.analysis.groups[Int($0)].title.contains(text) })
        else { return [] }
        return Array(repeating: .char("j"), count: at)
    }

    static func select(kind: GroupKind, in state: AppState) -> [Key] {
        guard case .list(_, let list) = state.screen,
            let at = list.rows.firstIndex(where: { state.index.analysis.groups[Int($0)].kind == kind })
        else { return [] }
        return Array(repeating: .char("j"), count: at)
    }

    static let screens: [(String, @Sendable (AppState) -> [Key])] = [
        ("overview", { _ in [] }),
        ("overview-intervals", { _ in [.char("i")] }),
        ("handler-race", { select("initHandler", in: $0) + [.enter] }),
        ("handler-race-previous-pane", { select("initHandler", in: $0) + [.enter, .tab] }),
        ("handler-race-details-pane", { select("initHandler", in: $0) + [.enter, .tab, .tab] }),
        ("failure", { select(kind: .failure, in: $0) + [.enter] }),
        ("panic", { select(kind: .panic, in: $0) + [.enter] }),
        ("tests", { _ in [.char("t")] }),
        ("test-groups", { _ in [.char("t"), .enter] }),
        ("handler-race-log", { select("initHandler", in: $0) + [.enter, .enter] }),
        ("filter", { _ in [.char("/"), .char("h"), .char("a"), .char("n"), .char("d")] }),
        ("arch-filter", { _ in [.char("a"), .char("a"), .char("a")] }),
        ("help", { _ in [.char("?")] }),
    ]

    @Test(arguments: screens.map(\.0))
    func sampleScreen(_ name: String) throws {
        let keys = Self.screens.first { $0.0 == name }!.1
        for (width, height) in GoldenScreenTests.sizes {
            var state = try SampleStore.state(width, height)
            let path = keys(state)
            #expect(!path.isEmpty || ["overview", "overview-intervals", "tests", "test-groups", "filter", "arch-filter", "help"].contains(name),
                    "the sample store lacks what \(name) shows")
            for key in path { state.press(key) }
            Golden.check(render(state), named: "sample-\(name)-\(width)x\(height)")
        }
    }

    @Test func handlerRaceDetailShowsWhatTheIssueAsksFor() throws {
        var state = try SampleStore.state(120, 60)
        for key in Self.select("initHandler", in: state) + [.enter] { state.press(key) }
        let text = render(state).text
        for expected in ["current: ", "previous: ", "initHandler", "Per architecture", "Fisher exact p", "Runs (", "Tests ("] {
            #expect(text.contains(expected), "race detail lacks \(expected)")
        }
    }
}
