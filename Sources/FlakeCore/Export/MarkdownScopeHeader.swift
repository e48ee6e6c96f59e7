/// What the export covers: runs per architecture, formats, time span, and which groups are in.
enum MarkdownScopeHeader {
    static func render(analysis: Analysis, scope: ExportScope, groupsInScope: Int, leftOut: Int, maxBytes: Int) -> String {
        var out = "### flaketui: flaky tests and data races\n\n"
        let archNames = analysis.arches.map(\.arch)
        var scopeLine = "**Scope:** \(analysis.runs.count) run\(analysis.runs.count == 1 ? "" : "s") on "
            + "\(archNames.count) architecture\(archNames.count == 1 ? "" : "s") · "
        if groupsInScope == analysis.groups.count && scope.groupIDs == nil {
            scopeLine += "\(analysis.groups.count) group\(analysis.groups.count == 1 ? "" : "s")"
        } else {
            scopeLine += "\(groupsInScope) of \(analysis.groups.count) groups"
        }
        if let filter = scope.filterDescription, !filter.isEmpty {
            scopeLine += " (filter: " + MarkdownEscaping.code(filter) + ")"
        }
        var lines = [scopeLine]
        lines.append("**Formats:** " + counted(analysis.runs.map(\.format.rawValue)))
        let goVersions = Set(analysis.runs.compactMap(\.goVersion)).sorted()
        if !goVersions.isEmpty { lines.append("**Go:** " + goVersions.map(MarkdownEscaping.text).joined(separator: ", ")) }
        // The model keeps no timestamps: logs rarely carry them and test2json's are per event.
        lines.append("**Time span:** unknown")
        if !analysis.problems.isEmpty {
            lines.append("**Files with problems:** \(analysis.problems.count) (listed in the JSON export)")
        }
        if leftOut > 0 {
            lines.append("**Left out:** \(leftOut) group\(leftOut == 1 ? "" : "s") to stay under \(maxBytes) bytes (named at the end)")
        }
        out += lines.joined(separator: "  \n") + "\n\n"

        out += "| Architecture | Runs | Failed runs | Runs with a race |\n|---|--:|--:|--:|\n"
        for arch in analysis.arches {
            let cells = [
                MarkdownEscaping.cell(MarkdownEscaping.text(arch.arch)), "\(arch.runs)",
                "\(arch.failedRuns)/\(arch.runs)", "\(arch.raceRuns)/\(arch.runs)",
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }

    /// `go-test-json 75, go-test-text 75`, sorted by name so the bytes never vary.
    private static func counted(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.keys.sorted().map { "\(MarkdownEscaping.text($0)) \(counts[$0]!)" }.joined(separator: ", ")
    }
}
