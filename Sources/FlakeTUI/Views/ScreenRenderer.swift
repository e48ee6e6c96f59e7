/// Draws the whole screen for a state: title bar, the current screen, hint bar and status line,
/// and the help overlay on top. Only visible rows are formatted, so the cost does not grow with
/// the number of groups.
public func render(_ state: AppState) -> Grid {
    var grid = Grid(size: state.size)
    let size = state.size
    if size.width < 20 || size.height < 5 {
        // Too small for a layout: say so rather than draw a jumble.
        let words = ["flaketui", "enlarge", "the", "terminal", "(\(size))"]
        var y = 0
        var line = ""
        for word in words {
            if !line.isEmpty, DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > size.width {
                grid.put(line, x: 0, y: y, style: .status)
                y += 1
                line = word
            } else {
                line = line.isEmpty ? word : line + " " + word
            }
        }
        grid.put(line, x: 0, y: y, style: .status)
        return grid
    }
    let frame = Layout.frame(size)
    if let row = frame.titleRow { drawTitle(&grid, state, row: row) }
    switch state.screen {
    case .list(let kind, let list):
        switch list.content {
        case .groups, .groupsOfTest: GroupListView.draw(&grid, state: state, kind: kind, list: list)
        case .tests: TestListView.draw(&grid, state: state, list: list)
        }
    case .document(let doc):
        DocumentView.draw(&grid, state: state, doc: doc)
    }
    if state.mode == .help { HelpOverlay.draw(&grid, state: state, body: frame.body) }
    if let row = frame.hintRow { drawHints(&grid, state, row: row) }
    if let row = frame.statusRow { drawStatus(&grid, state, row: row) }
    return grid
}

/// `Overview › Tests › TestX`: where the user is on the navigation stack.
public func breadcrumb(_ state: AppState) -> String {
    state.stack.map { screen in
        switch screen {
        case .list(.tests, _): "Tests"
        case .list(_, let list):
            if case .groupsOfTest(let t) = list.content { state.index.analysis.tests[t].name } else { "Overview" }
        case .document(let doc): doc.title
        }
    }.joined(separator: " › ")
}

private func drawTitle(_ grid: inout Grid, _ state: AppState, row: Int) {
    grid.fill(Rect(x: 0, y: row, width: grid.width, height: 1), style: .title)
    let analysis = state.index.analysis
    let right = "\(analysis.runs.count) runs · \(analysis.groups.count) groups "
    let rightWidth = DisplayWidth.of(right)
    let leftBudget = grid.width - (grid.width >= 60 ? rightWidth + 1 : 0)
    let left = " flaketui › " + breadcrumb(state)
    grid.put(DisplayWidth.truncate(left, to: leftBudget), x: 0, y: row, style: .title)
    if grid.width >= 60 { grid.put(right, x: grid.width - rightWidth, y: row, style: .title) }
}

private func drawHints(_ grid: inout Grid, _ state: AppState, row: Int) {
    var x = 1
    let hints = KeyMap.hints(mode: state.mode, screen: state.screen.kind)
    for hint in hints {
        let word = hint.keys == "q" && state.stack.count > 1 ? "back" : hint.word
        if hint.keys == "Esc", state.mode == .normal, state.stack.count > 1 { continue }  // q already says back
        let width = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(word)
        if x + width > grid.width { continue }
        grid.put(hint.keys, x: x, y: row, style: .hintKey)
        grid.put(word, x: x + DisplayWidth.of(hint.keys) + 1, y: row, style: .hint)
        x += width + 2
    }
}

private func drawStatus(_ grid: inout Grid, _ state: AppState, row: Int) {
    grid.fill(Rect(x: 0, y: row, width: grid.width, height: 1), style: .status)
    var right = ""
    switch state.screen {
    case .list(_, let list):
        let sort =
            list.content == .tests
            ? TestSort.allCases[list.sortIndex % TestSort.allCases.count].rawValue
            : GroupSort.allCases[list.sortIndex % GroupSort.allCases.count].rawValue
        let position = list.rows.isEmpty ? "0/0" : "\(list.selected + 1)/\(list.rows.count)"
        right = "\(position) · sort \(sort) · arch \(state.archName ?? "all")"
    case .document(let doc):
        let pane = doc.panes[doc.focus]
        right = "\(pane.lines.isEmpty ? 0 : pane.cursor + 1)/\(pane.lines.count)"
    }
    right += " "
    let rightWidth = DisplayWidth.of(right)
    let showRight = grid.width - rightWidth >= 24
    let budget = grid.width - (showRight ? rightWidth + 1 : 0)
    var left: String
    if state.mode == .prompt {
        switch state.screen {
        case .list(_, let list): left = " /" + list.filter
        case .document(let doc): left = " search /" + doc.search
        }
        if case .list(_, let list) = state.screen {
            // The count sits after the cursor so typing shows at once how much is left.
            left += "\u{0}  · \(list.rows.count) match\(list.rows.count == 1 ? "" : "es")"
        }
        let parts = left.split(separator: "\u{0}", omittingEmptySubsequences: false)
        let used = grid.put(DisplayWidth.truncate(String(parts[0]), to: budget - 1), x: 0, y: row, style: .status)
        grid.put(" ", x: used, y: row, style: CellStyle(.match, reverse: false))  // the text cursor
        if parts.count > 1 { grid.put(parts[1], x: used + 1, y: row, style: .status, maxWidth: budget - used - 1) }
    } else {
        left = " " + state.status
        grid.put(DisplayWidth.truncate(left, to: budget), x: 0, y: row, style: .status)
    }
    if showRight { grid.put(right, x: grid.width - rightWidth, y: row, style: .status) }
}
