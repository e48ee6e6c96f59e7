/// GitHub-flavoured Markdown for an issue, a PR comment or a job summary: a scope header, a
/// summary table and one collapsible section per group. Deterministic: the same analysis and
/// scope always give the same bytes.
public enum MarkdownExport {
    /// GitHub's limit for an issue or PR comment body.
    public static let defaultMaxBytes = 65_000

    /// Renders `scope` of `analysis` in at most `maxBytes` UTF-8 bytes. Groups are kept whole,
    /// most important first (the selected group, then display order); the ones that do not fit
    /// are named at the end. Throws when not even the header and that list fit.
    public static func render(
        _ analysis: Analysis, scope: ExportScope = .everything, maxBytes: Int = defaultMaxBytes
    ) throws(MarkdownExportError) -> String {
        let groups = scope.groups(of: analysis)
        let arches = analysis.arches.map(\.arch)
        // Ranks are positions in the full impact order, so a filtered export matches the TUI's numbers.
        var rankByID: [String: Int] = [:]
        for (index, group) in analysis.groups.enumerated() where rankByID[group.id] == nil { rankByID[group.id] = index + 1 }
        let ranks = groups.map { rankByID[$0.id] ?? 0 }
        let rows = groups.indices.map { MarkdownSummaryTable.row(groups[$0], rank: ranks[$0], arches: arches) }
        let sections = groups.indices.map {
            MarkdownGroupSection.render(
                groups[$0], rank: ranks[$0], analysis: analysis, open: groups[$0].id == scope.selectedGroupID)
        }

        var priority = Array(groups.indices)
        if let selected = groups.firstIndex(where: { $0.id == scope.selectedGroupID }) {
            priority.remove(at: selected)
            priority.insert(selected, at: 0)
        }

        // The header names how many groups were left out; sizing it for all of them bounds it.
        let headerBound = MarkdownScopeHeader.render(
            analysis: analysis, scope: scope, groupsInScope: groups.count, leftOut: groups.count, maxBytes: maxBytes)
        let tableHeader = MarkdownSummaryTable.header(arches: arches)
        var used = headerBound.utf8.count + tableHeader.utf8.count + 1
        var kept = Set<Int>()
        for (position, index) in priority.enumerated() {
            let cost = rows[index].utf8.count + sections[index].utf8.count + 1
            let wouldDrop = priority[(position + 1)...].sorted()
            let footerSize = footer(dropped: wouldDrop.map { (groups[$0], ranks[$0]) }, maxBytes: maxBytes, listBudget: 0).utf8.count
            guard used + cost + footerSize <= maxBytes else { break }
            used += cost
            kept.insert(index)
        }

        let dropped = groups.indices.filter { !kept.contains($0) }
        var out = MarkdownScopeHeader.render(
            analysis: analysis, scope: scope, groupsInScope: groups.count, leftOut: dropped.count, maxBytes: maxBytes)
        if groups.isEmpty { out += "No groups: every run passed without a race, or the filter matched none.\n" }
        if !kept.isEmpty {
            out += tableHeader
            for index in groups.indices where kept.contains(index) { out += rows[index] }
            out += "\n"
            for index in groups.indices where kept.contains(index) { out += sections[index] + "\n" }
        }
        // Groups come first; the bytes they leave (up to 4 KB) name the ones left out.
        let droppedGroups = dropped.map { (groups[$0], ranks[$0]) }
        let unnamedFooter = footer(dropped: droppedGroups, maxBytes: maxBytes, listBudget: 0).utf8.count
        let listBudget = min(4_000, maxBytes - out.utf8.count - unnamedFooter)
        out += footer(dropped: droppedGroups, maxBytes: maxBytes, listBudget: max(0, listBudget))
        guard out.utf8.count <= maxBytes else { throw .budgetTooSmall(maxBytes: maxBytes, needed: out.utf8.count) }
        return out
    }

    /// Names the groups that did not fit, by rank, in `listBudget` bytes; past that they are
    /// counted. Never longer than with a budget of 0 plus `listBudget`.
    static func footer(dropped: [(group: FlakeGroup, rank: Int)], maxBytes: Int, listBudget: Int) -> String {
        guard !dropped.isEmpty else { return "" }
        var out = "**Left out to stay under \(maxBytes) bytes:** \(dropped.count) group\(dropped.count == 1 ? "" : "s")"
            + " (the JSON export has them all)\n\n"
        var listed = 0
        var listBytes = 0
        for (group, rank) in dropped {
            let line = "- \(rank) · \(group.kind.rawValue) · " + MarkdownEscaping.text(group.title) + " (id "
                + MarkdownEscaping.code(group.id) + ")\n"
            guard listBytes + line.utf8.count <= listBudget else { break }
            out += line
            listBytes += line.utf8.count
            listed += 1
        }
        if listed < dropped.count { out += "- … and \(dropped.count - listed) more\n" }
        return out
    }
}

public enum MarkdownExportError: Error, CustomStringConvertible, Equatable {
    case budgetTooSmall(maxBytes: Int, needed: Int)

    public var description: String {
        switch self {
        case .budgetTooSmall(let maxBytes, let needed):
            "--max-bytes \(maxBytes) is too small: the header alone needs \(needed) bytes"
        }
    }
}
