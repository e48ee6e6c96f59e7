import FlakeCore

/// Applies one action to the state; returns the effect the run loop must perform, if any.
/// Pure and total: every index is clamped, so no key can trap (a trap would leave the terminal raw).
@discardableResult
public func reduce(_ state: inout AppState, _ action: Action) -> Effect? {
    state.actionCount += 1
    if state.mode == .help, action != .toggleHelp, action != .moveDown, action != .moveUp {
        if case .resize = action {} else if case .showStatus = action {} else { return nil }
    }
    switch action {
    case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        if state.mode == .help {
            state.helpTop = max(0, state.helpTop + (action == .moveDown ? 1 : -1))
            state.status = "help line \(state.helpTop + 1)"
            return nil
        }
        move(&state, action)
    case .drillIn: drillIn(&state)
    case .back:
        if state.stack.count > 1 {
            pop(&state)
        } else if case .list(let kind, var list) = state.screen, !list.filter.isEmpty {
            list.filter = ""
            refilter(&list, state.index)
            state.screen = .list(kind, list)
            state.status = "filter cleared · \(list.rows.count) rows"
        } else {
            state.status = "already on the overview (q quits)"
        }
    case .backOrQuit:
        if state.stack.count > 1 { pop(&state) } else { return .quit }
    case .nextPane, .previousPane:
        guard case .document(var doc) = state.screen, doc.panes.count > 1 else {
            state.status = "this screen has one pane"
            return nil
        }
        let step = action == .nextPane ? 1 : doc.panes.count - 1
        doc.focus = (doc.focus + step) % doc.panes.count
        state.status = "pane: \(doc.panes[doc.focus].title)"
        state.screen = .document(doc)
    case .beginFilter:
        state.mode = .prompt
        state.status = state.screen.isList ? "filter: type text or a regex, Enter keeps, Esc clears" : "search: type text or a regex"
    case .filterInput(let c): editFilter(&state) { $0.append(c) }
    case .filterBackspace: editFilter(&state) { if !$0.isEmpty { $0.removeLast() } }
    case .filterAccept:
        state.mode = .normal
        switch state.screen {
        case .list(_, let list): state.status = list.filter.isEmpty ? "no filter" : "filter \"\(list.filter)\" kept · \(list.rows.count) rows"
        case .document(let doc): state.status = doc.search.isEmpty ? "no search" : "search \"\(doc.search)\" · n/N for more"
        }
    case .filterCancel:
        editFilter(&state) { $0 = "" }
        state.mode = .normal
        state.status = "filter cleared"
    case .nextMatch, .previousMatch: nextMatch(&state, forward: action == .nextMatch)
    case .cycleSort:
        guard case .list(let kind, var list) = state.screen else { return nil }
        list.sortIndex += 1
        rebuild(&list, state)
        state.screen = .list(kind, list)
        state.status = "sorted by \(sortName(list))"
    case .cycleArch:
        let next = (state.arch.map { $0 + 1 }) ?? 0
        state.arch = next < state.index.arches.count ? next : nil
        if case .list(let kind, var list) = state.screen {
            rebuild(&list, state)
            state.screen = .list(kind, list)
            state.status = "arch: \(state.archName ?? "all") · \(list.rows.count) rows"
        }
    case .toggleIntervals:
        state.showIntervals.toggle()
        state.status = state.showIntervals ? "showing 95% intervals" : "intervals hidden"
    case .testsView:
        if state.screen.kind == .tests {
            state.status = "already in the tests view"
        } else {
            var list = ListScreen(content: .tests, baseRows: [], rows: [])
            rebuild(&list, state)
            state.stack.append(.list(.tests, list))
            state.status = "tests view · \(list.rows.count) tests"
        }
    case .problemsView:
        if state.screen.kind == .problems {
            state.status = "already in the problems view"
        } else {
            let doc = ProblemsDocument.screen(state.index.analysis)
            state.stack.append(.document(doc))
            state.status = doc.title
        }
    case .export:
        return .export(exportRequest(state))
    case .openPager:
        guard case .document(let doc) = state.screen else { return nil }
        if let target = doc.pagerTarget {
            let line = doc.panes[doc.focus].cursor + 1
            state.status = "opening \(FrameClassifier.baseName(target.path)) at line \(line) in the pager"
            return .openPager(PagerTarget(path: target.path, line: line))
        }
        if let (group, occurrence) = targetOccurrence(doc), let target = pagerTarget(state, group: group, occurrence: occurrence) {
            state.status = "opening \(FrameClassifier.baseName(target.path)) at line \(target.line) in the pager"
            return .openPager(target)
        }
        state.status = "no log file to open"
    case .toggleHelp:
        state.mode = state.mode == .help ? .normal : .help
        state.helpTop = 0
        state.status = state.mode == .help ? "help · Esc closes" : "help closed"
    case .resize(let size):
        state.size = size
        clampScroll(&state)
        state.status = "resized to \(size)"
    case .showStatus(let message):
        state.status = message
    }
    clampScroll(&state)
    return nil
}

extension Screen {
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}

// MARK: - Lists

private func sortName(_ list: ListScreen) -> String {
    switch list.content {
    case .tests: TestSort.allCases[list.sortIndex % TestSort.allCases.count].rawValue
    default: GroupSort.allCases[list.sortIndex % GroupSort.allCases.count].rawValue
    }
}

/// Recomputes sort and arch filter, then the text filter, keeping the cursor on the same row.
func rebuild(_ list: inout ListScreen, _ state: AppState) {
    let keep = list.selectedRow
    switch list.content {
    case .groups:
        list.baseRows = state.index.groupRows(sort: GroupSort.allCases[list.sortIndex % GroupSort.allCases.count], arch: state.arch)
    case .groupsOfTest(let test):
        list.baseRows = state.index.groupRows(
            sort: GroupSort.allCases[list.sortIndex % GroupSort.allCases.count], arch: state.arch,
            among: state.index.groupRows(ofTest: test))
    case .tests:
        list.baseRows = state.index.testRows(sort: TestSort.allCases[list.sortIndex % TestSort.allCases.count], arch: state.arch)
    }
    list.appliedFilter = ""
    list.filterHistory = []
    list.rows = list.baseRows
    refilter(&list, state.index)
    if let keep, let at = list.rows.firstIndex(of: Int32(keep)) { list.selected = at } else { list.selected = 0 }
    list.top = min(list.top, list.selected)
}

/// Applies `list.filter`; a literal filter that extends the previous one only narrows the
/// current rows, so typing stays proportional to what still matches.
func refilter(_ list: inout ListScreen, _ index: AnalysisIndex) {
    defer { list.selected = min(list.selected, max(0, list.rows.count - 1)) }
    if list.filter.isEmpty {
        list.rows = list.baseRows
        list.appliedFilter = ""
        list.filterHistory = []
        return
    }
    // Backspace: the rows of a shorter text are remembered.
    while let last = list.filterHistory.last, !list.filter.hasPrefix(last.text) { list.filterHistory.removeLast() }
    if let last = list.filterHistory.last, last.text == list.filter {
        list.rows = last.rows
        list.appliedFilter = list.filter
        return
    }
    if let last = list.filterHistory.last {
        list.rows = last.rows
        list.appliedFilter = last.text
    }
    let corpus = list.content == .tests ? index.testSearch : index.groupSearch
    let matcher = TextMatcher(list.filter)
    let previous = TextMatcher(list.appliedFilter)
    let narrows = !list.appliedFilter.isEmpty && list.filter.hasPrefix(list.appliedFilter) && matcher.isLiteral && previous.isLiteral
    list.rows = corpus.filter(narrows ? list.rows : list.baseRows, by: matcher)
    list.appliedFilter = list.filter
    list.filterHistory.append(FilterStep(text: list.filter, rows: list.rows))
}

private func editFilter(_ state: inout AppState, _ edit: (inout String) -> Void) {
    switch state.screen {
    case .list(let kind, var list):
        edit(&list.filter)
        let before = list.selectedRow
        refilter(&list, state.index)
        if let before, let at = list.rows.firstIndex(of: Int32(before)) { list.selected = at } else { list.selected = 0 }
        state.screen = .list(kind, list)
        state.status = "/\(list.filter) · \(list.rows.count) match\(list.rows.count == 1 ? "" : "es")"
    case .document(var doc):
        edit(&doc.search)
        state.screen = .document(doc)
        if doc.search.isEmpty {
            state.status = "search cleared"
        } else {
            findMatch(&state, forward: true, includeCurrent: true)
        }
    }
}

// MARK: - Movement

private func move(_ state: inout AppState, _ action: Action) {
    switch state.screen {
    case .list(let kind, var list):
        let page = max(1, Layout.listRows(kind, size: state.size, archCount: state.index.arches.count).height)
        list.selected = target(list.selected, count: list.rows.count, page: page, action)
        state.screen = .list(kind, list)
        state.status = list.rows.isEmpty ? "no rows" : "row \(list.selected + 1)/\(list.rows.count)"
    case .document(var doc):
        let page = max(1, Layout.paneViewport(doc, pane: doc.focus, size: state.size))
        var pane = doc.panes[doc.focus]
        pane.cursor = target(pane.cursor, count: pane.lines.count, page: page, action)
        doc.panes[doc.focus] = pane
        state.screen = .document(doc)
        state.status = "\(pane.title.split(separator: ":").first ?? "") line \(pane.cursor + 1)/\(pane.lines.count)"
    }
}

private func target(_ current: Int, count: Int, page: Int, _ action: Action) -> Int {
    guard count > 0 else { return 0 }
    let next: Int
    switch action {
    case .moveDown: next = current + 1
    case .moveUp: next = current - 1
    case .pageDown: next = current + page
    case .pageUp: next = current - page
    case .halfPageDown: next = current + max(1, page / 2)
    case .halfPageUp: next = current - max(1, page / 2)
    case .top: next = 0
    case .bottom: next = count - 1
    default: next = current
    }
    return min(max(0, next), count - 1)
}

/// Keeps every cursor on screen after moves, filters and resizes.
func clampScroll(_ state: inout AppState) {
    switch state.screen {
    case .list(let kind, var list):
        let height = Layout.listRows(kind, size: state.size, archCount: state.index.arches.count).height
        list.selected = min(max(0, list.selected), max(0, list.rows.count - 1))
        list.top = scrolled(top: list.top, cursor: list.selected, count: list.rows.count, height: height)
        state.screen = .list(kind, list)
    case .document(var doc):
        for i in doc.panes.indices {
            let height = Layout.paneViewport(doc, pane: i, size: state.size)
            doc.panes[i].cursor = min(max(0, doc.panes[i].cursor), max(0, doc.panes[i].lines.count - 1))
            doc.panes[i].top = scrolled(top: doc.panes[i].top, cursor: doc.panes[i].cursor, count: doc.panes[i].lines.count, height: height)
        }
        state.screen = .document(doc)
    }
}

private func scrolled(top: Int, cursor: Int, count: Int, height: Int) -> Int {
    guard height > 0 else { return min(max(0, cursor), max(0, count - 1)) }
    var top = top
    if cursor < top { top = cursor }
    if cursor >= top + height { top = cursor - height + 1 }
    top = min(top, max(0, count - height))
    return max(0, top)
}

// MARK: - Navigation

private func drillIn(_ state: inout AppState) {
    switch state.screen {
    case .list(let kind, let list):
        guard let row = list.selectedRow else {
            state.status = "nothing selected"
            return
        }
        if kind == .tests {
            var groups = ListScreen(content: .groupsOfTest(row), baseRows: [], rows: [])
            rebuild(&groups, state)
            state.stack.append(.list(.testGroups, groups))
            state.status = "\(state.index.analysis.tests[row].name) · \(groups.rows.count) groups"
        } else {
            let doc = DetailDocuments.groupScreen(row, index: state.index)
            state.stack.append(.document(doc))
            state.status = "opened \(doc.title)"
        }
    case .document(let doc):
        guard doc.kind == .groupDetail, let (group, occurrence) = targetOccurrence(doc) else {
            state.status = doc.kind == .log ? "this is the raw log (o opens it in the pager)" : "nothing to open here"
            return
        }
        var log = DetailDocuments.logScreen(group: group, occurrence: occurrence, index: state.index, logs: state.logs)
        // Put the report's first line a third of the way down.
        let height = Layout.paneViewport(log, pane: 0, size: state.size)
        log.panes[0].top = max(0, log.panes[0].cursor - height / 3)
        state.stack.append(.document(log))
        state.status = "log \(log.title)"
    }
}

private func targetOccurrence(_ doc: DocumentScreen) -> (Int, Int)? {
    let pane = doc.panes[doc.focus]
    if pane.lines.indices.contains(pane.cursor), case .occurrence(let group, let index)? = pane.lines[pane.cursor].target {
        return (group, index)
    }
    return (doc.group, 0)
}

private func pagerTarget(_ state: AppState, group: Int, occurrence: Int) -> PagerTarget? {
    let groups = state.index.analysis.groups
    guard groups.indices.contains(group), groups[group].occurrences.indices.contains(occurrence) else { return nil }
    let place = groups[group].occurrences[occurrence]
    guard let run = state.index.analysis.run(place.runID), let path = state.logs.filePath(of: run) else { return nil }
    return PagerTarget(path: path, line: place.line)
}

private func pop(_ state: inout AppState) {
    let left = state.screen
    state.stack.removeLast()
    state.mode = .normal
    if case .list(let kind, var list) = state.screen {
        rebuild(&list, state)  // the arch filter may have changed meanwhile
        state.screen = .list(kind, list)
    }
    state.status = "back from \(left.kind.rawValue) to \(state.screen.kind.rawValue)"
}

// MARK: - Matches

private func nextMatch(_ state: inout AppState, forward: Bool) {
    switch state.screen {
    case .list(let kind, var list):
        guard !list.rows.isEmpty else {
            state.status = "no matches"
            return
        }
        list.selected = (list.selected + (forward ? 1 : list.rows.count - 1)) % list.rows.count
        state.screen = .list(kind, list)
        state.status = list.filter.isEmpty
            ? "row \(list.selected + 1)/\(list.rows.count) (/ filters)"
            : "match \(list.selected + 1)/\(list.rows.count) for \"\(list.filter)\""
    case .document(let doc):
        guard !doc.search.isEmpty else {
            state.status = "no search: press / first"
            return
        }
        findMatch(&state, forward: forward, includeCurrent: false)
    }
}

/// Moves the focused pane's cursor to the next line matching the search, wrapping around.
private func findMatch(_ state: inout AppState, forward: Bool, includeCurrent: Bool) {
    guard case .document(var doc) = state.screen else { return }
    let matcher = TextMatcher(doc.search)
    let pane = doc.panes[doc.focus]
    let count = pane.lines.count
    guard count > 0 else { return }
    for step in (includeCurrent ? 0 : 1)...count {
        let i = ((pane.cursor + (forward ? step : -step)) % count + count) % count
        if matcher.matches(pane.lines[i].plainText) {
            doc.panes[doc.focus].cursor = i
            state.screen = .document(doc)
            state.status = "\"\(doc.search)\" at line \(i + 1)"
            return
        }
    }
    state.screen = .document(doc)
    state.status = "\"\(doc.search)\" not found"
}

// MARK: - Export

private func exportRequest(_ state: AppState) -> ExportRequest {
    let groups = state.index.analysis.groups
    let tests = state.index.analysis.tests
    let text = render(state).text
    switch state.screen {
    case .list(let kind, let list):
        let rows = list.rows.map(Int.init)
        switch list.content {
        case .tests:
            return ExportRequest(
                screen: kind, title: breadcrumb(state), groupIDs: [], focusedGroupID: nil,
                testNames: rows.map { tests[$0].name }, filter: list.filter, arch: state.archName, screenText: text)
        case .groups, .groupsOfTest:
            var testNames: [String] = []
            if case .groupsOfTest(let t) = list.content { testNames = [tests[t].name] }
            return ExportRequest(
                screen: kind, title: breadcrumb(state), groupIDs: rows.map { groups[$0].id },
                focusedGroupID: list.selectedRow.map { groups[$0].id }, testNames: testNames, filter: list.filter,
                arch: state.archName, screenText: text)
        }
    case .document(let doc):
        // The problems view shows no group: the export carries the screen's text only.
        guard groups.indices.contains(doc.group) else {
            return ExportRequest(
                screen: doc.kind, title: breadcrumb(state), groupIDs: [], focusedGroupID: nil, testNames: [],
                filter: doc.search, arch: state.archName, screenText: text)
        }
        return ExportRequest(
            screen: doc.kind, title: breadcrumb(state), groupIDs: [groups[doc.group].id],
            focusedGroupID: groups[doc.group].id, testNames: groups[doc.group].tests, filter: doc.search,
            arch: state.archName, screenText: text)
    }
}
