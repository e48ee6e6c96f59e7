/// Where things go on screen; shared by the reducer (to scroll) and the views (to draw).
public enum Layout {
    /// The fixed rows of every screen.
    public struct Frame: Sendable, Equatable {
        public var titleRow: Int?
        public var body: Rect
        public var hintRow: Int?
        public var statusRow: Int?
    }

    public static func frame(_ size: Size) -> Frame {
        let w = size.width, h = size.height
        switch h {
        case ..<1: return Frame(titleRow: nil, body: Rect(x: 0, y: 0, width: w, height: 0), hintRow: nil, statusRow: nil)
        case 1: return Frame(titleRow: nil, body: Rect(x: 0, y: 0, width: w, height: 0), hintRow: nil, statusRow: 0)
        case 2: return Frame(titleRow: 0, body: Rect(x: 0, y: 1, width: w, height: 0), hintRow: nil, statusRow: 1)
        case 3: return Frame(titleRow: 0, body: Rect(x: 0, y: 1, width: w, height: 1), hintRow: nil, statusRow: 2)
        default: return Frame(titleRow: 0, body: Rect(x: 0, y: 1, width: w, height: h - 3), hintRow: h - 2, statusRow: h - 1)
        }
    }

    /// Arch header lines of the overview: all of them when there is room, else one summary line.
    public static func overviewHeaderLines(body: Rect, archCount: Int) -> Int {
        guard archCount > 0, body.height >= 4 else { return 0 }
        return body.height >= 16 ? min(archCount, 8) : 1
    }

    /// The rectangle list rows are drawn in (below headers and the column header).
    public static func listRows(_ kind: ScreenKind, size: Size, archCount: Int) -> Rect {
        let body = frame(size).body
        var used = 0
        switch kind {
        case .overview: used = overviewHeaderLines(body: body, archCount: archCount)
        case .testGroups: used = body.height >= 4 ? 1 : 0
        default: break
        }
        if body.height >= 3 { used += 1 }  // column header
        return Rect(x: body.x, y: body.y + used, width: body.width, height: body.height - used)
    }

    /// Below this body height a text screen shows only the focused pane.
    public static let singlePaneBelowHeight = 12
    /// From this width the two race stacks sit side by side.
    public static let sideBySideFromWidth = 100

    /// One rectangle per pane (its first row is the pane's title), nil for panes not shown.
    public static func panes(_ doc: DocumentScreen, size: Size) -> [Rect?] {
        let body = frame(size).body
        let count = doc.panes.count
        guard count > 0, !body.isEmpty else { return Array(repeating: nil, count: count) }
        if count == 1 || body.height < singlePaneBelowHeight {
            return (0..<count).map { $0 == doc.focus ? body : nil }
        }
        func need(_ i: Int) -> Int { doc.panes[i].lines.count + 1 }
        switch doc.layout {
        case .raceStacks where count >= 3:
            if body.width >= sideBySideFromWidth {
                let top = max(4, min(body.height / 2, max(need(0), need(1))))
                let left = body.width / 2
                return [
                    Rect(x: body.x, y: body.y, width: left, height: top),
                    Rect(x: body.x + left + 1, y: body.y, width: body.width - left - 1, height: top),
                    Rect(x: body.x, y: body.y + top, width: body.width, height: body.height - top),
                ] + Array(repeating: nil, count: count - 3)
            }
            let each = max(3, min(body.height / 3, max(need(0), need(1))))
            return [
                Rect(x: body.x, y: body.y, width: body.width, height: each),
                Rect(x: body.x, y: body.y + each, width: body.width, height: each),
                Rect(x: body.x, y: body.y + 2 * each, width: body.width, height: body.height - 2 * each),
            ] + Array(repeating: nil, count: count - 3)
        default:
            let first = max(3, min(body.height / 2, need(0)))
            return [
                Rect(x: body.x, y: body.y, width: body.width, height: first),
                Rect(x: body.x, y: body.y + first, width: body.width, height: body.height - first),
            ] + Array(repeating: nil, count: max(0, count - 2))
        }
    }

    /// Lines visible in a pane: its height less the title row.
    public static func paneViewport(_ doc: DocumentScreen, pane: Int, size: Size) -> Int {
        let rects = panes(doc, size: size)
        guard rects.indices.contains(pane), let rect = rects[pane] else { return 0 }
        return max(0, rect.height - 1)
    }
}
