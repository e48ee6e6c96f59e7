import Testing

@testable import FlakeCore

/// Names and messages come from logs: whatever they hold must stay text.
@Suite struct ExportMarkdownSafetyTests {
    static let hostileTest = "TestPipe|`tick`*bold*_under_<script>alert(1)</script>@octocat#1"
    static let hostileMessage = "got ````\n````\n```\n</details>\n<img src=x onerror=alert(1)>\n| a | b |"

    @Test func hostileNamesStayInert() throws {
        let markdown = try MarkdownExport.render(HostileAnalysis.make(test: Self.hostileTest, message: Self.hostileMessage))
        let structure = MarkdownStructure(markdown)
        #expect(structure.problems == [])
        let prose = structure.proseLines.joined(separator: "\n")
        #expect(!prose.contains("@octocat"), "an unescaped mention would notify someone")
        #expect(!Self.hasIssueReference(prose), "an unescaped #1 links an issue")
        #expect(!prose.contains("*bold*"))
        #expect(!markdown.contains("<script>") || structure.fencedBlocks.contains { $0.contains("<script>") })
    }

    /// `#` before a digit that is not part of an HTML entity (`&#124;`).
    static func hasIssueReference(_ text: String) -> Bool {
        let characters = Array(text)
        return characters.indices.contains { i in
            characters[i] == "#" && i + 1 < characters.count && characters[i + 1].isNumber && (i == 0 || characters[i - 1] != "&")
        }
    }

    @Test func aBacktickRunInAMessageCannotCloseItsFence() throws {
        let markdown = try MarkdownExport.render(HostileAnalysis.make(test: Self.hostileTest, message: Self.hostileMessage))
        let structure = MarkdownStructure(markdown)
        // The whole message comes back as one block: no line of it ended the fence early.
        #expect(structure.fencedBlocks.contains(Self.hostileMessage))
        #expect(markdown.contains("`````text\n" + Self.hostileMessage + "\n`````\n"))
    }

    @Test func summaryIsHTMLEscaped() throws {
        let markdown = try MarkdownExport.render(HostileAnalysis.make(test: Self.hostileTest, message: Self.hostileMessage))
        let summaries = markdown.split(separator: "\n").filter { $0.hasPrefix("<summary><b>") }
        #expect(summaries.count == 1)
        let summary = try #require(summaries.first)
        #expect(summary.contains("&lt;script&gt;"))
        #expect(!summary.dropFirst("<summary>".count).dropLast("</summary>".count).contains("<script"))
    }

    @Test func tableCellsEscapePipesInsideCodeSpans() {
        let cell = MarkdownEscaping.cell(MarkdownEscaping.code("a|b"))
        #expect(cell == "`a\\|b`")
        #expect(MarkdownStructure.withoutCodeSpans("| \(cell) |").unescapedPipes == 2)
    }

    @Test func codeSpansOutgrowTheirContent() {
        #expect(MarkdownEscaping.code("plain") == "`plain`")
        #expect(MarkdownEscaping.code("a``b") == "```a``b```")
        #expect(MarkdownEscaping.code("`edge") == "`` `edge ``")
    }

    @Test func underscoresAreEscapedOnlyWhereTheyCouldEmphasize() {
        #expect(MarkdownEscaping.text("Test_foo_bar") == "Test_foo_bar")
        #expect(MarkdownEscaping.text("_init_") == "\\_init\\_")
    }
}

/// One race group with a failure message, built in Swift around hostile strings.
enum HostileAnalysis {
    static func make(test: String, message: String) -> Analysis {
        let runs = [
            Run(id: 0, path: "amd64/run|1.log", arch: "amd64", archSource: .path("amd64"), format: .goTestText, hasRace: true),
            Run(id: 1, path: "s390x/run`2`.log", arch: "s390x", archSource: .path("s390x"), format: .goTestJSON, hasRace: true),
        ]
        let frames = [
            Frame(function: "example.com/m/pkg.\(test)", file: "/src/pkg/x_test.go", line: 10),
            Frame(function: "testing.tRunner", file: "/usr/lib/go/src/testing/testing.go", line: 1446),
        ]
        let report = RaceReport(
            accesses: [
                RaceAccess(kind: .write, atomic: false, previous: false, address: "0x1", goroutine: .id(7), frames: frames),
                RaceAccess(kind: .read, atomic: true, previous: true, address: "0x1", goroutine: .id(8), frames: frames),
            ],
            creations: [GoroutineCreation(goroutine: 8, state: "running", frames: frames)],
            location: .global(name: "pkg.<Handler>", size: 8, address: "0x1", file: "/src/pkg/x.go", line: 3),
            tests: [test], occurrence: Occurrence(runID: 0, line: 5), endLine: 30)
        let group = FlakeGroup(
            id: "0123456789abcdef", kind: .race, title: "data race: \(test) ↔ <b>html</b> | pipe", signature: "sig",
            tests: [test, "TestOther/sub case"], packages: ["example.com/m/pkg"],
            perArch: [
                ArchRate(arch: "amd64", occurrences: 1, runs: 1, ci95: Proportions.wilson(1, 1)),
                ArchRate(arch: "s390x", occurrences: 1, runs: 1, ci95: Proportions.wilson(1, 1)),
            ],
            archDifferenceP: 1, occurrences: [Occurrence(runID: 0, line: 5), Occurrence(runID: 1, line: 9)],
            race: RaceDetail(
                example: report,
                hints: [DiagnosisHint(kind: .packageLevelVariable, message: "shared <global> | \(test)", evidence: [test])],
                ambiguousAttributions: 0),
            failure: FailureDetail(maskedMessage: message, exampleMessage: message + " (raw)", stack: frames))
        return Analysis(
            runs: runs,
            arches: [
                ArchSummary(arch: "amd64", runs: 1, failedRuns: 1, raceRuns: 1),
                ArchSummary(arch: "s390x", runs: 1, failedRuns: 1, raceRuns: 1),
            ],
            groups: [group], tests: [], problems: [])
    }
}
