/// One group as a collapsible `<details>`: rates, hints, stacks, tests, where it was seen and
/// how to reproduce it. Always self-contained, so the exporter can keep or drop it whole.
enum MarkdownGroupSection {
    /// Places listed per group; the rest are counted (a flake seen in thousands of runs would
    /// otherwise fill the comment with one group).
    static let occurrenceListLimit = 30

    static func render(_ group: FlakeGroup, rank: Int, analysis: Analysis, open: Bool) -> String {
        var out = open ? "<details open>\n" : "<details>\n"
        out += "<summary>" + summary(group, rank: rank) + "</summary>\n\n"
        out += facts(group)
        out += rates(group)
        if let race = group.race { out += raceSection(race, analysis: analysis) }
        if let failure = group.failure { out += failureSection(failure) }
        out += reproduction(group, runs: analysis.runs)
        out += places(group, analysis: analysis)
        out += "</details>\n"
        return out
    }

    /// `<b>1 · race</b> · title · amd64 5/50 · s390x 9/50`, HTML-escaped: GitHub does not read
    /// Markdown inside `<summary>`.
    static func summary(_ group: FlakeGroup, rank: Int) -> String {
        let counts = group.perArch.filter { $0.runs > 0 }.map { "\($0.arch) \($0.occurrences)/\($0.runs)" }
        let parts = [MarkdownEscaping.html(group.title)] + counts.map(MarkdownEscaping.html)
        return "<b>\(rank) · \(group.kind.rawValue)</b> · " + parts.joined(separator: " · ")
    }

    private static func facts(_ group: FlakeGroup) -> String {
        var lines: [String] = []
        if !group.tests.isEmpty { lines.append("**Tests:** " + group.tests.map(MarkdownEscaping.code).joined(separator: ", ")) }
        let packages = group.packages.map { $0.isEmpty ? "(unknown)" : $0 }
        if !packages.isEmpty { lines.append("**Packages:** " + packages.map(MarkdownEscaping.code).joined(separator: ", ")) }
        lines.append("**Group id:** " + MarkdownEscaping.code(group.id))
        // Two trailing spaces: a hard line break, so the facts stay one compact paragraph.
        return lines.joined(separator: "  \n") + "\n\n"
    }

    private static func rates(_ group: FlakeGroup) -> String {
        var out = "| Architecture | Runs with it |\n|---|---|\n"
        for rate in group.perArch {
            let value = rate.runs > 0 ? RateFormatting.rateWithInterval(rate) : "not run"
            out += "| " + MarkdownEscaping.cell(MarkdownEscaping.text(rate.arch)) + " | " + value + " |\n"
        }
        out += "\n"
        if let p = group.archDifferenceP {
            out += "Difference between architectures (Fisher exact test): \(RateFormatting.pValue(p)).\n\n"
        }
        return out
    }

    private static func raceSection(_ race: RaceDetail, analysis: Analysis) -> String {
        var out = ""
        if !race.hints.isEmpty {
            out += "**Diagnosis hints**\n\n"
            for hint in race.hints {
                out += "- " + MarkdownEscaping.text(hint.message) + "\n"
                for evidence in hint.evidence { out += "  - " + MarkdownEscaping.code(evidence) + "\n" }
            }
            out += "\n"
        }
        if race.ambiguousAttributions > 0 {
            out += "Attribution to a test was ambiguous in \(race.ambiguousAttributions) report(s).\n\n"
        }
        let report = race.example
        let origin = place(report.occurrence, analysis: analysis)
        out += "**Race stacks** (example from \(MarkdownEscaping.code(origin))"
            + (report.truncated ? "; the report was cut off by the end of the log" : "") + ")\n\n"
        for access in report.accesses {
            out += MarkdownStack.render(
                title: "*" + MarkdownEscaping.text(accessTitle(access)) + "*", frames: access.frames,
                stackUnavailable: access.stackUnavailable) + "\n"
        }
        switch report.location {
        case .global(let name, let size, let address, let file, let line):
            out += "Location: global variable " + MarkdownEscaping.code(name) + " (\(size) bytes at "
                + MarkdownEscaping.text(address) + "), declared at " + MarkdownEscaping.code("\(file):\(line)") + "\n\n"
        case .heap(let size, let address, let goroutine, let frames):
            out += MarkdownStack.render(
                title: "*" + MarkdownEscaping.text("Location: heap block of \(size) bytes at \(address), allocated by \(goroutine)") + "*",
                frames: frames) + "\n"
        case nil:
            break
        }
        if !report.creations.isEmpty {
            out += "**Goroutine creation stacks**\n\n"
            for creation in report.creations {
                let title = "Goroutine \(creation.goroutine) (\(creation.state)) created at"
                out += MarkdownStack.render(title: "*" + MarkdownEscaping.text(title) + "*", frames: creation.frames) + "\n"
            }
        }
        return out
    }

    /// `Previous atomic read at 0x… by goroutine 7`, the race detector's own wording.
    static func accessTitle(_ access: RaceAccess) -> String {
        var words = [String]()
        if access.previous { words.append("Previous") }
        if access.atomic { words.append("atomic") }
        words.append(access.kind.rawValue)
        var title = words.joined(separator: " ")
        title = title.prefix(1).uppercased() + title.dropFirst()
        if let address = access.address { title += " at \(address)" }
        return title + " by \(access.goroutine)"
    }

    private static func failureSection(_ failure: FailureDetail) -> String {
        var out = "**Message** (run-specific values masked)\n\n" + CodeFence.block(failure.maskedMessage, info: "text") + "\n"
        if failure.exampleMessage != failure.maskedMessage {
            out += "**As logged once**\n\n" + CodeFence.block(failure.exampleMessage, info: "text") + "\n"
        }
        if !failure.stack.isEmpty {
            out += MarkdownStack.render(title: "**Stack**", frames: failure.stack) + "\n"
        }
        return out
    }

    private static func reproduction(_ group: FlakeGroup, runs: [Run]) -> String {
        let command = ReproductionCommand(group: group, runs: runs)
        var out = "**Reproduce**"
        if group.kind == .build {
            out += " (compiles the package and its tests)"
        } else if let arch = command.limitingArch,
            let rate = group.perArch.first(where: { $0.arch == arch })
        {
            let runsWord = command.count == 1 ? "run sees" : "runs see"
            out += ": \(command.count) \(runsWord) it at least once with 95% probability at the rate observed on "
                + MarkdownEscaping.text(arch) + " (\(rate.occurrences)/\(rate.runs)"
                + (group.perArch.filter { $0.occurrences > 0 }.count > 1 ? ", the lowest where it occurred)" : ")")
        }
        return out + "\n\n" + CodeFence.block(command.command, info: "sh") + "\n"
    }

    private static func places(_ group: FlakeGroup, analysis: Analysis) -> String {
        let runCount = Set(group.occurrences.map(\.runID)).count
        let placesWord = group.occurrences.count == 1 ? "place" : "places"
        var out = "**Seen in \(runCount) run\(runCount == 1 ? "" : "s")** (\(group.occurrences.count) \(placesWord))\n\n"
        for occurrence in group.occurrences.prefix(occurrenceListLimit) {
            let arch = analysis.run(occurrence.runID)?.arch ?? "unknown"
            out += "- " + MarkdownEscaping.code(place(occurrence, analysis: analysis)) + " (" + MarkdownEscaping.text(arch) + ")\n"
        }
        let rest = group.occurrences.count - occurrenceListLimit
        if rest > 0 { out += "- … and \(rest) more (the JSON export lists every place)\n" }
        return out + "\n"
    }

    /// `amd64/run-07.log:120`: the run's path relative to the folder given, and the line.
    static func place(_ occurrence: Occurrence, analysis: Analysis) -> String {
        "\(analysis.run(occurrence.runID)?.path ?? "run \(occurrence.runID)"):\(occurrence.line)"
    }
}
