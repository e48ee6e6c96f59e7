import FlakeCore

/// The overview (and the groups of one test): arch header, column header, one row per group.
enum GroupListView {
    /// Column widths for one screen width; rates shrink to the worst arch when all do not fit.
    struct Columns {
        var kind = 7
        var title = 0
        var tests = 0
        var archWidth = 0
        var shareWidth = 0
        var showIntervals = false
        var allArches = true

        var rateCell: Int { archWidth + 1 + shareWidth + 1 + 4 + (showIntervals ? 10 : 0) }

        init(width: Int, arches: [String], maxRuns: Int, intervals: Bool) {
            archWidth = arches.map { DisplayWidth.of($0) }.max() ?? 0
            let digits = String(max(maxRuns, 1)).count
            shareWidth = 2 * digits + 1
            showIntervals = intervals
            let fixed = 2 + kind + 1
            var rates = arches.count * rateCell + max(0, arches.count - 1) * 2
            if fixed + 16 + 1 + rates > width, intervals {
                showIntervals = false
                rates = arches.count * rateCell + max(0, arches.count - 1) * 2
            }
            if fixed + 16 + 1 + rates > width {
                allArches = false
                rates = rateCell
            }
            if fixed + 12 + 1 + rates > width { kind = 5 }
            var rest = width - (2 + kind + 1) - rates - 1
            if rest >= 60 {
                tests = min(32, rest / 3)
                rest -= tests + 1
            }
            title = max(0, rest)
        }

        var ratesX: Int { 2 + kind + 1 + title + 1 + (tests > 0 ? tests + 1 : 0) }
    }

    static func columns(_ state: AppState, width: Int) -> Columns {
        let maxRuns = state.index.analysis.arches.map(\.runs).max() ?? 99
        return Columns(width: width, arches: state.index.arches, maxRuns: maxRuns, intervals: state.showIntervals)
    }

    static func draw(_ grid: inout Grid, state: AppState, kind: ScreenKind, list: ListScreen) {
        let body = Layout.frame(state.size).body
        var y = body.y
        if kind == .overview {
            let lines = Layout.overviewHeaderLines(body: body, archCount: state.index.arches.count)
            if lines == 1, state.index.analysis.arches.count > 1 {
                grid.put(" " + state.index.archSummaryLine(), x: 0, y: y, style: .header, maxWidth: grid.width)
            } else {
                for line in state.index.archHeaderLines().prefix(lines) {
                    grid.put(" " + line, x: 0, y: y, style: .header, maxWidth: grid.width)
                    y += 1
                }
                y -= lines > 0 ? 1 : 0
            }
            y += lines > 0 ? 1 : 0
        } else if case .groupsOfTest(let t) = list.content, body.height >= 4 {
            let test = state.index.analysis.tests[t]
            grid.put(" \(test.name) (\(test.package)) · \(test.verdict.rawValue) · the groups that hit it", x: 0, y: y, style: .header)
            y += 1
        }
        let rowsRect = Layout.listRows(kind, size: state.size, archCount: state.index.arches.count)
        let cols = columns(state, width: grid.width)
        if body.height >= 3 {
            grid.put("  " + DisplayWidth.pad("KIND", to: cols.kind) + " " + DisplayWidth.pad("TITLE", to: cols.title), x: 0, y: y, style: .dim)
            if cols.tests > 0 { grid.put("TESTS", x: 2 + cols.kind + 1 + cols.title + 1, y: y, style: .dim) }
            let ratesLabel = cols.allArches ? "RUNS WITH IT / RUNS PER ARCH" : "WORST ARCH"
            grid.put(ratesLabel, x: cols.ratesX, y: y, style: .dim, maxWidth: grid.width - cols.ratesX)
        }
        if list.rows.isEmpty {
            let message = list.filter.isEmpty ? "no groups: no failures or races found" : "no group matches \"\(list.filter)\""
            grid.put("  " + message, x: 0, y: rowsRect.y, style: .dim, maxWidth: grid.width)
            return
        }
        let end = min(list.rows.count, list.top + rowsRect.height)
        guard list.top < end else { return }
        for i in list.top..<end {
            let row = rowsRect.y + i - list.top
            drawRow(&grid, state: state, group: Int(list.rows[i]), y: row, cols: cols, selected: i == list.selected)
        }
    }

    static func drawRow(_ grid: inout Grid, state: AppState, group: Int, y: Int, cols: Columns, selected: Bool) {
        let g = state.index.analysis.groups[group]
        grid.put(selected ? "▸ " : "  ", x: 0, y: y, style: .accent)
        let kindLabel = cols.kind >= 7 ? GroupTitles.kindLabel(g.kind) : String(GroupTitles.kindLabel(g.kind).prefix(cols.kind))
        grid.put(kindLabel, x: 2, y: y, style: GroupTitles.kindStyle(g.kind), maxWidth: cols.kind)
        let titleX = 2 + cols.kind + 1
        let title = DisplayWidth.truncate(state.index.readableTitles[group], to: cols.title)
        let used = grid.put(title, x: titleX, y: y)
        if cols.tests == 0, !g.tests.isEmpty, cols.title - used >= 12 {
            // No tests column at this width: name them after the title while there is room.
            let tests = g.tests[0] + (g.tests.count > 1 ? " +\(g.tests.count - 1)" : "")
            grid.put("  " + DisplayWidth.truncate(tests, to: cols.title - used - 2), x: titleX + used, y: y, style: .dim)
        }
        if cols.tests > 0 {
            let tests = g.tests.isEmpty ? "—" : g.tests[0] + (g.tests.count > 1 ? " +\(g.tests.count - 1)" : "")
            grid.put(DisplayWidth.truncate(tests, to: cols.tests), x: titleX + cols.title + 1, y: y, style: .dim)
        }
        var x = cols.ratesX
        let rates: [ArchRate?]
        if cols.allArches {
            rates = state.index.arches.map { arch in g.perArch.first { $0.arch == arch } }
        } else {
            let chosen = state.archName.flatMap { arch in g.perArch.first { $0.arch == arch } }
            rates = [chosen ?? g.perArch.max { $0.rate < $1.rate }]
        }
        for rate in rates {
            guard let rate else {
                x += cols.rateCell + 2
                continue
            }
            let highlighted = state.archName == rate.arch
            grid.put(DisplayWidth.pad(rate.arch, to: cols.archWidth), x: x, y: y, style: highlighted ? .accent : .plain)
            let share = DisplayWidth.padLeft("\(rate.occurrences)/\(rate.runs)", to: cols.shareWidth)
            grid.put(share + " " + DisplayWidth.padLeft(GroupTitles.percent(rate.rate), to: 4), x: x + cols.archWidth + 1, y: y,
                     style: GroupTitles.rateStyle(rate.rate))
            if cols.showIntervals {
                grid.put(" " + DisplayWidth.pad(GroupTitles.interval(rate), to: 9), x: x + cols.archWidth + 1 + cols.shareWidth + 5, y: y, style: .dim)
            }
            x += cols.rateCell + 2
        }
        if selected {
            grid.restyle(Rect(x: 0, y: y, width: grid.width, height: 1)) { style in
                style = CellStyle(.selected, bold: style.bold, reverse: true)
            }
        }
    }
}
