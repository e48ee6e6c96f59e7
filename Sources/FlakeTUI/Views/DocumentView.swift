/// Race detail, failure detail and log: panes of text with a title row and a cursor line.
enum DocumentView {
    static func draw(_ grid: inout Grid, state: AppState, doc: DocumentScreen) {
        let rects = Layout.panes(doc, size: state.size)
        let visible = rects.compactMap { $0 }.count
        for (i, rect) in rects.enumerated() {
            guard let rect, !rect.isEmpty else { continue }
            let focused = i == doc.focus
            drawTitle(&grid, doc: doc, pane: i, rect: rect, tabs: visible == 1 && doc.panes.count > 1, focused: focused)
            drawLines(&grid, pane: doc.panes[i], rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1),
                      focused: focused && (doc.panes.count > 1 || true))
        }
        // The column between side-by-side panes.
        if let left = rects.first ?? nil, rects.count > 1, let right = rects[1], right.y == left.y, right.x > left.maxX {
            for y in left.y..<left.maxY { grid.put("│", x: left.maxX, y: y, style: .border) }
        }
    }

    static func drawTitle(_ grid: inout Grid, doc: DocumentScreen, pane: Int, rect: Rect, tabs: Bool, focused: Bool) {
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: .border)
        if tabs {
            // One pane at a time: name them all so Tab has somewhere visible to go.
            var x = rect.x
            for (i, other) in doc.panes.enumerated() {
                let name = String(other.title.split(separator: ":").first ?? "")
                let label = i == pane ? "[\(name)]" : " \(name) "
                x += grid.put(label, x: x, y: rect.y, style: i == pane ? .title : .border, maxWidth: rect.maxX - x)
            }
            return
        }
        grid.put(" " + doc.panes[pane].title, x: rect.x, y: rect.y, style: focused ? .title : .border, maxWidth: rect.width)
        if focused { grid.restyle(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)) { $0 = .title } }
    }

    static func drawLines(_ grid: inout Grid, pane: Pane, rect: Rect, focused: Bool) {
        guard rect.height > 0 else { return }
        let end = min(pane.lines.count, pane.top + rect.height)
        guard pane.top < end else { return }
        for i in pane.top..<end {
            let y = rect.y + i - pane.top
            var x = rect.x + 1
            for span in pane.lines[i].spans {
                x += grid.put(span.text, x: x, y: y, style: span.style, maxWidth: rect.maxX - x)
            }
            if i == pane.cursor, focused {
                grid.put("▸", x: rect.x, y: y, style: .accent)
                grid.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) { style in
                    style = CellStyle(.selected, bold: style.bold, reverse: true)
                }
            }
        }
    }
}
