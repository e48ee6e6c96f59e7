import Foundation
import Testing

@testable import FlakeCore

/// Inputs, golden files and a Markdown structure checker shared by the export tests.
enum ExportTestSupport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    /// Real `go test -race` output of the reproduction, committed with the tests.
    static let fixtureLogs = testsFolder.appendingPathComponent("Fixtures/export-devicemanager").path
    static let sampleLogs = repositoryRoot.appendingPathComponent("SampleLogs").path

    static var sampleLogsPresent: Bool {
        let entries = (try? FileManager.default.subpathsOfDirectory(atPath: sampleLogs)) ?? []
        return entries.contains { $0.hasSuffix(".log") || $0.hasSuffix(".json") }
    }

    static func analyze(_ path: String) throws -> AnalyzeResult {
        try Analyzer.analyze(paths: [path])
    }

    /// Compares with `Golden/<name>`; `FLAKETUI_RECORD=1` writes it instead. A mismatch
    /// records a unified diff.
    static func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = testsFolder.appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["FLAKETUI_RECORD"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with FLAKETUI_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("\(name) differs from its golden file:\n\(diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    static func diff(_ expected: String, _ actual: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flaketui-golden-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let left = folder.appendingPathComponent("expected"), right = folder.appendingPathComponent("actual")
        try? Data(expected.utf8).write(to: left)
        try? Data(actual.utf8).write(to: right)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["diff", "-u", left.path, right.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return firstDifference(expected, actual) }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output.prefix(8_000), as: UTF8.self)
    }

    private static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        return "line \(index + 1):\n- \(index < a.count ? a[index] : "(end)")\n+ \(index < b.count ? b[index] : "(end)")"
    }
}

/// What a GFM renderer would see: fenced blocks, `<details>` nesting, tables, and raw HTML or
/// mentions outside code. Checks the export's promises without a full Markdown parser.
struct MarkdownStructure {
    var problems: [String] = []
    /// The content of every fenced block, in order.
    var fencedBlocks: [String] = []
    /// Raw text outside fences and code spans, backslash escapes removed, one entry per line.
    var proseLines: [String] = []
    var detailsOpened = 0

    static let allowedTags: Set<String> = ["details", "/details", "summary", "/summary", "b", "/b"]

    init(_ markdown: String) {
        var fence: Int?
        var block: [Substring] = []
        var depth = 0
        var tablePipes: Int?
        for (number, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let run = line.prefix { $0 == "`" }.count
            if let open = fence {
                if run >= open && line.dropFirst(run).allSatisfy({ $0 == " " }) {
                    fencedBlocks.append(block.joined(separator: "\n"))
                    fence = nil
                } else {
                    block.append(line)
                }
                continue
            }
            if run >= 3 && !line.dropFirst(run).contains("`") {
                fence = run
                block = []
                tablePipes = nil
                continue
            }
            if line.hasPrefix("<details") {
                depth += 1
                detailsOpened += 1
            }
            if line == "</details>" {
                depth -= 1
                if depth < 0 { problems.append("line \(number + 1): </details> without <details>") }
            }
            let prose = Self.withoutCodeSpans(String(line))
            proseLines.append(prose.text)
            if line.hasPrefix("|") {
                let pipes = prose.unescapedPipes
                if let expected = tablePipes, expected != pipes {
                    problems.append("line \(number + 1): table row has \(pipes - 1) cells, header \(expected - 1)")
                }
                tablePipes = tablePipes ?? pipes
            } else {
                tablePipes = nil
            }
            for tag in Self.tags(in: prose.text) where !Self.allowedTags.contains(tag) {
                problems.append("line \(number + 1): raw HTML <\(tag)> outside code")
            }
        }
        if fence != nil { problems.append("a fenced block is never closed") }
        if depth != 0 { problems.append("\(depth) <details> never closed") }
    }

    /// GFM code spans: a backtick run closed by the next run of the same length. Backslash
    /// escapes outside spans are dropped (the escaped character is kept, marked inert).
    static func withoutCodeSpans(_ line: String) -> (text: String, unescapedPipes: Int) {
        let characters = Array(line)
        var text = ""
        var pipes = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" && index + 1 < characters.count {
                // An escaped character is literal: record it as a harmless placeholder.
                text.append("·")
                index += 2
                continue
            }
            if character == "`" {
                var run = 0
                while index + run < characters.count && characters[index + run] == "`" { run += 1 }
                if let close = closingRun(characters, from: index + run, length: run) {
                    // Pipes inside a code span still split table cells unless escaped.
                    pipes += characters[(index + run)..<close].enumerated().filter { offset, c in
                        c == "|" && (offset == 0 || characters[index + run + offset - 1] != "\\")
                    }.count
                    text.append("«code»")
                    index = close + run
                    continue
                }
                text.append(String(repeating: "`", count: run))
                index += run
                continue
            }
            if character == "|" { pipes += 1 }
            text.append(character)
            index += 1
        }
        return (text, pipes)
    }

    private static func closingRun(_ characters: [Character], from start: Int, length: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            var run = 0
            while index + run < characters.count && characters[index + run] == "`" { run += 1 }
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// Names of `<tag` openings in prose: what a renderer could take for HTML.
    static func tags(in text: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            let name = after.prefix { $0 == "/" || $0.isLetter || $0.isNumber }
            if !name.isEmpty && name != "/" { tags.append(String(name).lowercased()) }
            rest = after
        }
        return tags
    }
}
