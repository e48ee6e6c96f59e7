import FlakeCore

/// The tests view: verdict, name, package, passes and failures per arch.
enum TestListView {
    static func verdictStyle(_ verdict: TestVerdict) -> CellStyle {
        switch verdict {
        case .flaky: .warn
        case .failing: .bad
        case .passing: .ok
        case .skipped: .dim
        }
    }

    static func draw(_ grid: inout Grid, state: AppState, list: ListScreen) {
        let body = Layout.frame(state.size).body
        let rowsRect = Layout.listRows(.tests, size: state.size, archCount: state.index.arches.count)
        let arches = state.index.arches
        let archWidth = arches.map { DisplayWidth.of($0) }.max() ?? 0
        let digits = String(max(1, state.index.analysis.arches.map(\.runs).max() ?? 9)).count
        let cell = archWidth + 1 + digits + 2 + digits + 1
        var countsWidth = arches.count * cell + max(0, arches.count - 1) * 2
        let allArches = 2 + 8 + 16 + countsWidth <= grid.width
        if !allArches { countsWidth = 2 * (digits + 1) + 2 }
        var nameWidth = grid.width - 2 - 8 - countsWidth - 1
        var packageWidth = 0
        if nameWidth >= 70 {
            packageWidth = nameWidth / 3
            nameWidth -= packageWidth + 1
        }
        nameWidth = max(0, nameWidth)
        let countsX = 2 + 8 + nameWidth + 1 + (packageWidth > 0 ? packageWidth + 1 : 0)
        if body.height >= 3 {
            grid.put("  VERDICT TEST", x: 0, y: body.y, style: .dim)
            if packageWidth > 0 { grid.put("PACKAGE", x: 2 + 8 + nameWidth + 1, y: body.y, style: .dim) }
            grid.put(allArches ? "PASSED✓ FAILED✗ PER ARCH" : "ALL ARCHES", x: countsX, y: body.y, style: .dim, maxWidth: grid.width - countsX)
        }
        if list.rows.isEmpty {
            grid.put(list.filter.isEmpty ? "  no tests found" : "  no test matches \"\(list.filter)\"", x: 0, y: rowsRect.y, style: .dim)
            return
        }
        let end = min(list.rows.count, list.top + rowsRect.height)
        guard list.top < end else { return }
        for i in list.top..<end {
            let y = rowsRect.y + i - list.top
            let test = state.index.analysis.tests[Int(list.rows[i])]
            grid.put(i == list.selected ? "▸ " : "  ", x: 0, y: y, style: .accent)
            grid.put(test.verdict.rawValue, x: 2, y: y, style: verdictStyle(test.verdict))
            grid.put(DisplayWidth.truncate(test.name, to: nameWidth), x: 10, y: y)
            if packageWidth > 0 { grid.put(DisplayWidth.truncate(test.package, to: packageWidth), x: 10 + nameWidth + 1, y: y, style: .dim) }
            var x = countsX
            if allArches {
                for arch in arches {
                    if let counts = test.perArch.first(where: { $0.arch == arch }) {
                        grid.put(DisplayWidth.pad(arch, to: archWidth), x: x, y: y)
                        grid.put(DisplayWidth.padLeft(String(counts.passed), to: digits) + "✓", x: x + archWidth + 1, y: y, style: .ok)
                        grid.put(DisplayWidth.padLeft(String(counts.failed), to: digits) + "✗", x: x + archWidth + 1 + digits + 2, y: y,
                                 style: counts.failed > 0 ? .bad : .dim)
                    }
                    x += cell + 2
                }
            } else {
                let passed = test.perArch.reduce(0) { $0 + $1.passed }, failed = test.perArch.reduce(0) { $0 + $1.failed }
                grid.put("\(passed)✓ ", x: x, y: y, style: .ok)
                grid.put("\(failed)✗", x: x + String(passed).count + 2, y: y, style: failed > 0 ? .bad : .dim)
            }
            if i == list.selected {
                grid.restyle(Rect(x: 0, y: y, width: grid.width, height: 1)) { style in
                    style = CellStyle(.selected, bold: style.bold, reverse: true)
                }
            }
        }
    }
}
