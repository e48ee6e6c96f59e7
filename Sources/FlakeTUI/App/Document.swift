/// A run of text in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: CellStyle

    public init(_ text: String, _ style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// Where Enter on a line leads.
public enum LineTarget: Sendable, Hashable {
    /// The log of occurrence `index` of group `group`.
    case occurrence(group: Int, index: Int)
}

/// One line of a text pane.
public struct DocumentLine: Sendable, Hashable {
    public var spans: [Span]
    public var target: LineTarget?

    public init(_ spans: [Span], target: LineTarget? = nil) {
        self.spans = spans
        self.target = target
    }

    public init(_ text: String, _ style: CellStyle = .plain, target: LineTarget? = nil) {
        self.init([Span(text, style)], target: target)
    }

    public var plainText: String { spans.map(\.text).joined() }
}

/// A scrollable text pane with a cursor line.
public struct Pane: Sendable, Hashable {
    public var title: String
    public var lines: [DocumentLine]
    public var cursor: Int = 0
    public var top: Int = 0

    public init(title: String, lines: [DocumentLine], cursor: Int = 0) {
        self.title = title
        self.lines = lines
        self.cursor = cursor
    }
}
