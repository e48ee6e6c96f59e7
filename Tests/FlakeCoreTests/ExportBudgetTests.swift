import Testing

@testable import FlakeCore

/// `--max-bytes`: whole groups by importance, a named list of the rest, never over the limit.
@Suite struct ExportBudgetTests {
    @Test func staysUnderTheLimitAndNamesWhatItLeftOut() throws {
        let analysis = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs).analysis
        let full = try MarkdownExport.render(analysis)
        #expect(analysis.groups.count >= 3)
        #expect(!full.contains("Left out"))
        for limit in [full.utf8.count - 1, full.utf8.count / 2, 3_000] {
            let markdown = try MarkdownExport.render(analysis, maxBytes: limit)
            #expect(markdown.utf8.count <= limit)
            let structure = MarkdownStructure(markdown)
            #expect(structure.problems == [])
            let kept = analysis.groups.filter { markdown.contains("**Group id:** `\($0.id)`") }
            let dropped = analysis.groups.filter { !kept.contains($0) }
            #expect(!dropped.isEmpty)
            // The most important groups are the ones kept: a prefix of the impact order.
            #expect(kept.map(\.id) == analysis.groups.prefix(kept.count).map(\.id))
            #expect(markdown.contains("**Left out:** \(dropped.count) group"))
            for group in dropped { #expect(markdown.contains("(id `\(group.id)`)")) }
        }
    }

    @Test func theSelectedGroupIsTheLastToGo() throws {
        let analysis = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs).analysis
        let last = try #require(analysis.groups.last)
        let alone = try MarkdownExport.render(analysis, scope: ExportScope(groupIDs: [last.id]))
        let markdown = try MarkdownExport.render(
            analysis, scope: ExportScope(selectedGroupID: last.id), maxBytes: alone.utf8.count + 600)
        #expect(markdown.contains("<details open>\n<summary><b>\(analysis.groups.count) · "))
        #expect(markdown.contains("**Group id:** `\(last.id)`"))
        #expect(!markdown.contains("**Group id:** `\(analysis.groups[0].id)`"))
    }

    @Test func aLimitBelowTheHeaderIsAnError() throws {
        let analysis = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs).analysis
        #expect(throws: MarkdownExportError.self) { try MarkdownExport.render(analysis, maxBytes: 200) }
    }

    @Test func aFilteredScopeKeepsTheImpactRanks() throws {
        let analysis = try ExportTestSupport.analyze(ExportTestSupport.fixtureLogs).analysis
        let second = analysis.groups[1]
        let markdown = try MarkdownExport.render(
            analysis, scope: ExportScope(groupIDs: [second.id, "no-such-group"], filterDescription: "kind:panic"))
        #expect(markdown.contains("· 1 of \(analysis.groups.count) groups (filter: `kind:panic`)"))
        #expect(markdown.contains("<summary><b>2 · \(second.kind.rawValue)</b>"))
        #expect(MarkdownStructure(markdown).detailsOpened == 1 + markdown.components(separatedBy: "<details><summary>Full stack").count - 1)
    }
}
