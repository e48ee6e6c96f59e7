/// What a list screen lists.
public enum ListContent: Sendable, Hashable {
    case groups
    case tests
    /// The groups that hit test `test`.
    case groupsOfTest(Int)
}

/// A list screen: visible rows after sort, arch filter and text filter, plus the cursor.
public struct ListScreen: Sendable, Equatable {
    public var content: ListContent
    /// Rows after sort and arch filter: what the text filter starts from.
    public var baseRows: [Int32]
    /// Rows on screen.
    public var rows: [Int32]
    public var selected: Int = 0
    public var top: Int = 0
    public var filter: String = ""
    /// `rows` was filtered from `baseRows` with this text; a longer literal filter narrows `rows`.
    public var appliedFilter: String = ""
    public var sortIndex: Int = 0
    /// Rows for each prefix typed so far, so Backspace is a lookup rather than a rescan.
    public var filterHistory: [FilterStep] = []

    public var selectedRow: Int? { rows.indices.contains(selected) ? Int(rows[selected]) : nil }
}

/// The rows one filter text produced.
public struct FilterStep: Sendable, Equatable {
    public let text: String
    public let rows: [Int32]
}

/// How a text screen arranges its panes.
public enum DocumentLayoutStyle: Sendable, Hashable {
    /// Race: two stacks side by side (stacked when narrow) above the details.
    case raceStacks
    /// Failure: message and stack above the details.
    case messageAndDetails
    /// Log: one pane.
    case single
}

/// A text screen: race detail, failure detail or log.
public struct DocumentScreen: Sendable, Equatable {
    public var kind: ScreenKind
    public var title: String
    public var layout: DocumentLayoutStyle
    public var panes: [Pane]
    public var focus: Int = 0
    public var search: String = ""
    /// The group shown, or whose occurrence is shown.
    public var group: Int
    /// For the log view: the file and line to hand to `$PAGER`.
    public var pagerTarget: PagerTarget?
}

public struct PagerTarget: Sendable, Hashable {
    public let path: String
    public let line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }
}

/// One entry of the navigation stack.
public enum Screen: Sendable, Equatable {
    case list(ScreenKind, ListScreen)
    case document(DocumentScreen)

    public var kind: ScreenKind {
        switch self {
        case .list(let kind, _): kind
        case .document(let doc): doc.kind
        }
    }
}
