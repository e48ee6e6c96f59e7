/// The table at the top: one row per group, one rate column per architecture.
enum MarkdownSummaryTable {
    /// Tests named per row; the group's section lists them all.
    static let testsPerRow = 3

    static func header(arches: [String]) -> String {
        let archColumns = arches.map { MarkdownEscaping.cell(MarkdownEscaping.text($0)) }
        let titles = ["Rank", "Kind", "Title"] + archColumns + ["Fisher p", "Tests"]
        let alignment = ["--:", "---", "---"] + arches.map { _ in "---" } + ["--:", "---"]
        return "| " + titles.joined(separator: " | ") + " |\n|" + alignment.joined(separator: "|") + "|\n"
    }

    static func row(_ group: FlakeGroup, rank: Int, arches: [String]) -> String {
        let rates = arches.map { arch -> String in
            guard let rate = group.perArch.first(where: { $0.arch == arch }), rate.runs > 0 else { return "—" }
            return RateFormatting.rateWithInterval(rate)
        }
        let p = group.archDifferenceP.map(RateFormatting.pValue) ?? "—"
        var tests = group.tests.prefix(testsPerRow).map(MarkdownEscaping.code).joined(separator: ", ")
        if group.tests.count > testsPerRow { tests += " +\(group.tests.count - testsPerRow) more" }
        let cells = ["\(rank)", group.kind.rawValue, MarkdownEscaping.text(group.title)] + rates + [p, tests.isEmpty ? "—" : tests]
        return "| " + cells.map(MarkdownEscaping.cell).joined(separator: " | ") + " |\n"
    }
}
