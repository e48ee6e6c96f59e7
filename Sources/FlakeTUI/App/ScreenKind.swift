/// The kinds of screen on the navigation stack; key bindings and hints are scoped by these.
public enum ScreenKind: String, Sendable, Hashable, CaseIterable {
    /// Every group, ordered by impact.
    case overview
    /// One race or failure group.
    case groupDetail
    /// Every test with its per-arch counts and verdict.
    case tests
    /// The groups that hit one test.
    case testGroups
    /// The raw lines of one occurrence.
    case log
    /// Files that could not be read, or only partly.
    case problems
}

/// What keys mean right now.
public enum InputMode: Sendable, Hashable {
    case normal
    /// Typing a filter (lists) or a search (text screens).
    case prompt
    case help
}
