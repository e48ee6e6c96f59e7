import FlakeCore

/// Everything the screen shows, as a value: the reducer changes it and the views render it.
public struct AppState: Sendable {
    public let index: AnalysisIndex
    public let logs: any LogSource
    public var size: Size
    /// Navigation stack; never empty, the overview at the bottom.
    public var stack: [Screen]
    public var mode: InputMode = .normal
    /// Index into `index.arches`; nil shows every arch.
    public var arch: Int?
    public var showIntervals = false
    public var helpTop = 0
    /// What the last action did; changes on every action so users (and tests) can see it land.
    public var status: String
    /// Counts actions, to tell two identical status messages apart.
    public var actionCount = 0

    public init(analysis: Analysis, logs: any LogSource = NoLogSource(), size: Size) {
        self.init(index: AnalysisIndex(analysis), logs: logs, size: size)
    }

    public init(index: AnalysisIndex, logs: any LogSource = NoLogSource(), size: Size) {
        self.index = index
        self.logs = logs
        self.size = size
        let rows = index.groupRows(sort: .impact, arch: nil)
        stack = [.list(.overview, ListScreen(content: .groups, baseRows: rows, rows: rows))]
        status = "\(rows.count) groups · press ? for help"
    }

    public var screen: Screen {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    public var archName: String? { arch.flatMap { index.arches.indices.contains($0) ? index.arches[$0] : nil } }
}
