/// Everything a key can ask for; `reduce` interprets it against the current screen.
public enum Action: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom
    case drillIn
    /// Pop one screen; at the root, clear the filter.
    case back
    /// Pop one screen; at the root, quit.
    case backOrQuit
    case nextPane, previousPane
    /// Start typing a filter (lists) or a search (text screens).
    case beginFilter
    case nextMatch, previousMatch
    case cycleSort, cycleArch, toggleIntervals
    case testsView
    case problemsView
    case export
    case openPager
    case toggleHelp
    // While the filter prompt is open.
    case filterInput(Character)
    case filterBackspace, filterAccept, filterCancel
    // From the backend rather than a key.
    case resize(Size)
    /// Tells the user how an effect went (export written, pager failed, ...).
    case showStatus(String)
}
