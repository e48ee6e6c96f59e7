import FlakeTUI
import Testing

/// Every screen at the three reference sizes, compared with `Golden/`.
@Suite struct GoldenScreenTests {
    static let sizes = [(80, 24), (120, 40), (40, 10)]

    /// Key presses that lead from the start to each screen.
    static let screens: [(String, [Key])] = [
        ("overview", []),
        ("overview-intervals", [.char("i")]),
        ("race", [.enter]),
        ("race-previous-pane", [.enter, .tab]),
        ("failure", [.char("j"), .enter]),
        ("panic", [.char("j"), .char("j"), .enter]),
        ("tests", [.char("t")]),
        ("test-groups", [.char("t"), .enter]),
        ("log", [.enter, .enter]),
        ("filter", [.char("/"), .char("h"), .char("a"), .char("n")]),
        ("help", [.char("?")]),
    ]

    @Test(arguments: screens)
    func fixtureScreen(_ name: String, _ keys: [Key]) {
        for (width, height) in Self.sizes {
            var state = AppState.fixture(width, height)
            for key in keys { state.press(key) }
            Golden.check(render(state), named: "fixture-\(name)-\(width)x\(height)")
        }
    }
}
