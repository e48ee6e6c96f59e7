/// Work the reducer asks the app to do outside the pure state: the run loop performs it and
/// reports back with `Action.showStatus`.
public enum Effect: Sendable, Equatable {
    case quit
    case export(ExportRequest)
    case openPager(PagerTarget)
}

/// What `e` exports: the screen the user is looking at, as ids into the analysis.
public struct ExportRequest: Sendable, Equatable {
    public let screen: ScreenKind
    /// The breadcrumb title of the screen.
    public let title: String
    /// Groups listed (in screen order) or shown.
    public let groupIDs: [String]
    /// The group under the cursor or on screen.
    public let focusedGroupID: String?
    /// Tests listed (tests view) or the test whose groups are listed.
    public let testNames: [String]
    public let filter: String
    public let arch: String?
    /// The plain text of the screen, for exporters that want it verbatim.
    public let screenText: String
}

/// Writes the Markdown for a request and returns what the status line should say
/// (for example `wrote flaketui-report.md`). Injected by the executable once export exists.
public typealias MarkdownExporter = (ExportRequest) throws -> String
