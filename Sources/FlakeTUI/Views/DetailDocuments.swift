import FlakeCore

/// Builds the panes of the race, failure and log screens from the model.
public enum DetailDocuments {
    /// Occurrence lines beyond this are summarised; a group can have thousands.
    static let maxOccurrenceLines = 2000

    public static func groupScreen(_ group: Int, index: AnalysisIndex) -> DocumentScreen {
        let g = index.analysis.groups[group]
        let title = "\(GroupTitles.kindLabel(g.kind)) \(index.readableTitles[group])"
        if let race = g.race {
            let current = race.example.accesses.first { !$0.previous } ?? race.example.accesses.first
            let previous = race.example.accesses.first { $0.previous && $0 != current }
            return DocumentScreen(
                kind: .groupDetail, title: title, layout: .raceStacks,
                panes: [
                    accessPane(current, label: "current", group: group),
                    accessPane(previous, label: "previous", group: group),
                    Pane(title: "details", lines: raceDetails(g, race: race, group: group, index: index)),
                ], group: group)
        }
        return DocumentScreen(
            kind: .groupDetail, title: title, layout: .messageAndDetails,
            panes: [
                Pane(title: "message", lines: failureMessage(g, group: group)),
                Pane(title: "details", lines: commonDetails(g, group: group, index: index)),
            ], group: group)
    }

    static func frameLine(_ frame: Frame, target: LineTarget?) -> DocumentLine {
        let inProject = FrameClassifier.isInProject(frame.function)
        return DocumentLine(
            [
                Span(inProject ? "• " : "  ", inProject ? .accent : .dim),
                Span(FrameClassifier.shortFunction(frame.function), inProject ? .accent : .dim),
                Span("  \(FrameClassifier.baseName(frame.file)):\(frame.line)", .dim),
            ], target: target)
    }

    static func accessPane(_ access: RaceAccess?, label: String, group: Int) -> Pane {
        let target = LineTarget.occurrence(group: group, index: 0)
        guard let access else { return Pane(title: label, lines: [DocumentLine("(no \(label) access)", .dim)]) }
        let what = (access.atomic ? "atomic " : "") + access.kind.rawValue
        var lines: [DocumentLine] = []
        if access.stackUnavailable { lines.append(DocumentLine("[failed to restore the stack]", .dim)) }
        lines += access.frames.map { frameLine($0, target: target) }
        if lines.isEmpty { lines.append(DocumentLine("(no frames)", .dim)) }
        return Pane(title: "\(label): \(what) by \(access.goroutine)", lines: lines)
    }

    static func raceDetails(_ g: FlakeGroup, race: RaceDetail, group: Int, index: AnalysisIndex) -> [DocumentLine] {
        var lines: [DocumentLine] = []
        if !race.hints.isEmpty {
            lines.append(DocumentLine("Diagnosis", .header))
            for hint in race.hints {
                lines.append(DocumentLine("• " + hint.message, .warn))
                lines += hint.evidence.map { DocumentLine("    " + $0, .dim) }
            }
            lines.append(DocumentLine(""))
        }
        lines.append(DocumentLine("Racing memory", .header))
        switch race.example.location {
        case .global(let name, let size, let address, let file, let line):
            lines.append(DocumentLine("global \(name) (\(FrameClassifier.baseName(file)):\(line)), \(size) bytes at \(address)"))
        case .heap(let size, let address, let goroutine, let frames):
            lines.append(DocumentLine("heap block of \(size) bytes at \(address), allocated by \(goroutine):"))
            lines += frames.map { frameLine($0, target: nil) }
        case nil:
            lines.append(DocumentLine("not reported", .dim))
        }
        lines.append(DocumentLine(""))
        lines += commonDetails(g, group: group, index: index)
        if race.ambiguousAttributions > 0 {
            lines.append(DocumentLine("\(race.ambiguousAttributions) reports had an ambiguous test attribution", .dim))
        }
        if !race.example.creations.isEmpty {
            lines.append(DocumentLine(""))
            lines.append(DocumentLine("Goroutine creations", .header))
            for creation in race.example.creations {
                lines.append(DocumentLine("goroutine \(creation.goroutine) (\(creation.state)) created at:"))
                lines += creation.frames.map { frameLine($0, target: nil) }
            }
        }
        return lines
    }

    static func failureMessage(_ g: FlakeGroup, group: Int) -> [DocumentLine] {
        let target = LineTarget.occurrence(group: group, index: 0)
        var lines = [DocumentLine("Message (run-specific parts masked)", .header)]
        let masked = g.failure?.maskedMessage ?? g.title
        lines += masked.split(separator: "\n", omittingEmptySubsequences: false).map {
            DocumentLine(String($0), .plain, target: target)
        }
        if let example = g.failure?.exampleMessage, !example.isEmpty {
            lines.append(DocumentLine(""))
            lines.append(DocumentLine("Example as logged", .header))
            lines += example.split(separator: "\n", omittingEmptySubsequences: false).map {
                DocumentLine(String($0), .dim, target: target)
            }
        }
        if let stack = g.failure?.stack, !stack.isEmpty {
            lines.append(DocumentLine(""))
            lines.append(DocumentLine("Stack", .header))
            lines += stack.map { frameLine($0, target: target) }
        }
        return lines
    }

    /// Tests, per-arch table and runs: shared by races and failures.
    static func commonDetails(_ g: FlakeGroup, group: Int, index: AnalysisIndex) -> [DocumentLine] {
        var lines = [DocumentLine("Tests (\(g.tests.count))", .header)]
        lines += g.tests.isEmpty ? [DocumentLine("none attributed", .dim)] : g.tests.map { DocumentLine("  " + $0) }
        lines.append(DocumentLine(""))
        lines.append(DocumentLine("Per architecture", .header))
        let archWidth = max(4, g.perArch.map { DisplayWidth.of($0.arch) }.max() ?? 0)
        lines.append(
            DocumentLine(DisplayWidth.pad("arch", to: archWidth) + "   hit/runs   rate   95% interval", .dim))
        for rate in g.perArch {
            let share = "\(rate.occurrences)/\(rate.runs)"
            lines.append(
                DocumentLine([
                    Span(DisplayWidth.pad(rate.arch, to: archWidth) + "  "),
                    Span(DisplayWidth.padLeft(share, to: 9) + "  " + DisplayWidth.padLeft(GroupTitles.percent(rate.rate), to: 5),
                         GroupTitles.rateStyle(rate.rate)),
                    Span("   " + GroupTitles.interval(rate)),
                ]))
        }
        if let p = g.archDifferenceP {
            let verdict = p < 0.05 ? "the arches differ" : "no clear difference between arches"
            lines.append(DocumentLine("Fisher exact p = \(GroupTitles.pValue(p)) (\(verdict))", p < 0.05 ? .warn : .plain))
        }
        lines.append(DocumentLine(""))
        lines.append(DocumentLine("Runs (\(g.occurrences.count) occurrences, Enter opens the log)", .header))
        let runs = index.analysis.runs
        for (i, occurrence) in g.occurrences.prefix(maxOccurrenceLines).enumerated() {
            let run = runs.indices.contains(occurrence.runID) && runs[occurrence.runID].id == occurrence.runID
                ? runs[occurrence.runID] : index.analysis.run(occurrence.runID)
            let arch = run?.arch ?? "?"
            let path = run?.path ?? "run \(occurrence.runID)"
            lines.append(
                DocumentLine([Span("  " + DisplayWidth.pad(arch, to: archWidth) + "  "), Span("\(path):\(occurrence.line)")],
                             target: .occurrence(group: group, index: i)))
        }
        if g.occurrences.count > maxOccurrenceLines {
            lines.append(DocumentLine("  … \(g.occurrences.count - maxOccurrenceLines) more", .dim))
        }
        return lines
    }

    /// The log screen of one occurrence, the report's lines highlighted and the cursor on its first.
    public static func logScreen(group: Int, occurrence: Int, index: AnalysisIndex, logs: any LogSource) -> DocumentScreen {
        let g = index.analysis.groups[group]
        let place = g.occurrences[occurrence]
        let run = index.analysis.run(place.runID)
        let name = "\(run?.path ?? "run \(place.runID)"):\(place.line)"
        guard let run else {
            return DocumentScreen(kind: .log, title: name, layout: .single,
                                  panes: [Pane(title: name, lines: [DocumentLine("unknown run \(place.runID)", .bad)])], group: group)
        }
        switch logs.lines(of: run) {
        case .failure(let error):
            return DocumentScreen(kind: .log, title: name, layout: .single,
                                  panes: [Pane(title: name, lines: [DocumentLine(error.message, .bad)])], group: group)
        case .success(let raw):
            let report = reportRange(in: raw, from: place.line, kind: g.kind)
            let numberWidth = String(raw.count).count
            let lines = raw.enumerated().map { i, text in
                let inReport = report.contains(i + 1)
                return DocumentLine([
                    Span(String(i + 1).leftPadded(numberWidth, " ") + " │ ", inReport ? .warn : .dim),
                    Span(text, inReport ? .accent : .plain),
                ])
            }
            let cursor = min(max(0, place.line - 1), max(0, lines.count - 1))
            let path = logs.filePath(of: run)
            return DocumentScreen(kind: .log, title: name, layout: .single,
                                  panes: [Pane(title: "\(run.arch) · \(name)", lines: lines, cursor: cursor)],
                                  group: group, pagerTarget: path.map { PagerTarget(path: $0, line: place.line) })
        }
    }

    /// 1-based lines that belong to the report starting at `line`: a race runs to its closing
    /// separator; other reports to the end of their indented block.
    static func reportRange(in lines: [String], from line: Int, kind: GroupKind) -> ClosedRange<Int> {
        guard line >= 1, line <= lines.count else { return line...line }
        let limit = min(lines.count, line + 300)
        var end = line
        if kind == .race {
            var n = line + 1
            while n <= limit {
                if lines[n - 1].hasPrefix("==================") { end = n; break }
                end = n
                n += 1
            }
        } else {
            var n = line + 1
            while n <= min(limit, line + 60), let first = lines[n - 1].first, first == " " || first == "\t" {
                end = n
                n += 1
            }
        }
        return line...end
    }
}
