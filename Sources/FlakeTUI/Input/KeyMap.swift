/// One row of the key map: which keys, what they do, where, and how the hint bar names them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    /// What the help overlay says.
    public let description: String
    /// Screens where the binding applies; empty means everywhere.
    public let screens: Set<ScreenKind>
    /// Short form for the hint bar, ordered by `priority` (lower first); nil keeps it out of the bar.
    public let hint: Hint?

    public struct Hint: Sendable {
        public let keys: String
        public let word: String
        public let priority: Int
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    public func applies(to screen: ScreenKind) -> Bool { screens.isEmpty || screens.contains(screen) }
}

/// The single table that drives key handling, the help overlay and the hint bar.
public enum KeyMap {
    private static func bind(
        _ keys: [Key], _ action: Action, _ description: String, on screens: Set<ScreenKind> = [],
        hint: (String, String, Int)? = nil
    ) -> KeyBinding {
        KeyBinding(
            keys: keys, action: action, description: description, screens: screens,
            hint: hint.map { KeyBinding.Hint(keys: $0.0, word: $0.1, priority: $0.2) })
    }

    private static let lists: Set<ScreenKind> = [.overview, .tests, .testGroups]
    private static let groupLists: Set<ScreenKind> = [.overview, .testGroups]
    private static let documents: Set<ScreenKind> = [.groupDetail, .log]

    /// Normal-mode bindings, in the order the help overlay lists them.
    public static let bindings: [KeyBinding] = [
        bind([.down, .char("j")], .moveDown, "move down", hint: ("j/k", "move", 1)),
        bind([.up, .char("k")], .moveUp, "move up"),
        bind([.pageDown], .pageDown, "page down"),
        bind([.pageUp], .pageUp, "page up"),
        bind([.ctrl("d")], .halfPageDown, "half a page down"),
        bind([.ctrl("u")], .halfPageUp, "half a page up"),
        bind([.char("g"), .home], .top, "go to the top"),
        bind([.char("G"), .end], .bottom, "go to the bottom"),
        bind([.enter, .char("l"), .right], .drillIn, "open the selected item", hint: ("Enter", "open", 2)),
        bind([.escape, .char("h"), .left, .backspace], .back, "go back (on the overview: clear the filter)",
             hint: ("Esc", "back", 4)),
        bind([.tab], .nextPane, "next pane", on: [.groupDetail], hint: ("Tab", "pane", 3)),
        bind([.backTab], .previousPane, "previous pane", on: [.groupDetail]),
        bind([.char("/")], .beginFilter, "filter the list (text, or a regex)", on: lists, hint: ("/", "filter", 3)),
        bind([.char("/")], .beginFilter, "search the text (text, or a regex)", on: documents,
             hint: ("/", "search", 5)),
        bind([.char("n")], .nextMatch, "next match"),
        bind([.char("N")], .previousMatch, "previous match"),
        bind([.char("s")], .cycleSort, "cycle the sort order", on: lists, hint: ("s", "sort", 5)),
        bind([.char("a")], .cycleArch, "cycle the architecture filter", on: lists, hint: ("a", "arch", 6)),
        bind([.char("i")], .toggleIntervals, "show or hide 95% intervals", on: groupLists, hint: ("i", "intervals", 8)),
        bind([.char("t")], .testsView, "tests view", hint: ("t", "tests", 7)),
        bind([.char("p")], .problemsView, "problems: files that could not be read, or only partly"),
        bind([.char("o")], .openPager, "open the log in $PAGER at this line", on: documents, hint: ("o", "pager", 6)),
        bind([.char("e")], .export, "export what is on screen as Markdown", hint: ("e", "export", 8)),
        bind([.char("?")], .toggleHelp, "help: every key", hint: ("?", "help", 0)),
        bind([.char("q")], .backOrQuit, "go back; quit on the overview", hint: ("q", "quit", 0)),
    ]

    /// Bindings while the filter or search prompt is open; other printable keys are typed.
    public static let promptBindings: [KeyBinding] = [
        bind([.enter], .filterAccept, "keep the filter", hint: ("Enter", "keep", 1)),
        bind([.escape], .filterCancel, "clear the filter", hint: ("Esc", "clear", 2)),
        bind([.backspace], .filterBackspace, "delete a character"),
        bind([.down], .moveDown, "move down"),
        bind([.up], .moveUp, "move up"),
    ]

    /// Bindings while the help overlay is open.
    public static let helpBindings: [KeyBinding] = [
        bind([.down, .char("j")], .moveDown, "scroll down", hint: ("j/k", "scroll", 1)),
        bind([.up, .char("k")], .moveUp, "scroll up"),
        bind([.char("?"), .escape, .char("q")], .toggleHelp, "close help", hint: ("Esc", "close", 0)),
    ]

    /// The action a key triggers in the given mode and screen, or nil when it is unbound.
    public static func action(for key: Key, mode: InputMode, screen: ScreenKind) -> Action? {
        switch mode {
        case .help:
            return helpBindings.first { $0.keys.contains(key) }?.action
        case .prompt:
            if let bound = promptBindings.first(where: { $0.keys.contains(key) }) { return bound.action }
            if case .char(let c) = key { return .filterInput(c) }
            return nil
        case .normal:
            return bindings.first { $0.keys.contains(key) && $0.applies(to: screen) }?.action
        }
    }

    /// Hints for the bar, best first.
    public static func hints(mode: InputMode, screen: ScreenKind) -> [KeyBinding.Hint] {
        let table: [KeyBinding] =
            switch mode {
            case .help: helpBindings
            case .prompt: promptBindings
            case .normal: bindings.filter { $0.applies(to: screen) }
            }
        return table.compactMap(\.hint).sorted { $0.priority < $1.priority }
    }
}
