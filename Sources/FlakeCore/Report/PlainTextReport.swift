/// The report printed when standard output is not a terminal, or with `--no-tui`.
public enum PlainTextReport {
    public static func render(_ result: AnalyzeResult, stackDepth: Int = 12) -> String {
        lines(result, stackDepth: stackDepth).text
    }

    /// The report's bytes handed to `sink` as they are (no `String` made of them).
    public static func write(_ result: AnalyzeResult, stackDepth: Int = 12, to sink: ([UInt8]) throws -> Void) rethrows {
        try sink(lines(result, stackDepth: stackDepth).bytes)
    }

    private static func lines(_ result: AnalyzeResult, stackDepth: Int) -> TextLines {
        let analysis = result.analysis
        let out = TextLines()
        func line(_ text: String = "") { out.line(text) }

        line("flaketui: \(analysis.runs.count) runs, \(analysis.groups.count) groups, \(analysis.tests.count) tests")
        line()
        line("RUNS BY ARCHITECTURE")
        for arch in analysis.arches {
            let runs = analysis.runs.filter { $0.arch == arch.arch }
            let sources = Dictionary(grouping: runs, by: { $0.archSource.kind }).map { "\($0.key) \($0.value.count)" }.sorted()
            let formats = Dictionary(grouping: runs, by: { $0.format.rawValue }).map { "\($0.key) \($0.value.count)" }.sorted()
            line(
                "  \(pad(arch.arch, 8)) \(arch.runs) runs · \(arch.failedRuns) failed · \(arch.raceRuns)/\(arch.runs) with a race"
                    + "   [arch from: \(sources.joined(separator: ", ")); formats: \(formats.joined(separator: ", "))]")
        }
        if let example = analysis.runs.first {
            line("  e.g. \(example.path): \(example.arch) from \(example.archSource)")
        }
        CIRunSummary.lines(analysis.runs).forEach(line)
        if result.skippedFiles > 0 {
            line("  \(result.skippedFiles) file(s) without Go test output skipped (notes, CI metadata, files that repeat a run)")
        }
        line()
        line("GROUPS BY IMPACT")
        var rateTexts = RateTexts()
        for (index, group) in analysis.groups.enumerated() {
            renderGroup(group, number: index + 1, runs: analysis.runs, stackDepth: stackDepth, rateTexts: &rateTexts, into: out)
        }
        line()
        line("TESTS")
        for test in analysis.tests where test.verdict != .passing { renderTest(test, into: out) }
        let passing = analysis.tests.filter { $0.verdict == .passing }.count
        if passing > 0 { line("  … and \(passing) passing test(s)") }
        if !analysis.problems.isEmpty {
            line()
            line("PROBLEMS")
            for problem in analysis.problems { line("  \(problem.path): \(problem.message)") }
        }
        return out
    }

    /// A report can hold thousands of groups: their lines are written in pieces.
    private static func renderGroup(
        _ group: FlakeGroup, number: Int, runs: [Run], stackDepth: Int, rateTexts: inout RateTexts, into out: TextLines
    ) {
        out.endLine()
        out.put("#")
        out.put(number)
        out.put(" [")
        out.put(group.kind.rawValue)
        out.put("] ")
        out.put(group.title)
        out.put("   (id ")
        out.put(group.id)
        out.line(")")
        if !group.tests.isEmpty {
            out.put("   tests: ")
            out.put(group.tests, separator: ", ")
            out.endLine()
        }
        if !group.packages.isEmpty {
            out.put("   package: ")
            out.put(group.packages.map { $0.isEmpty ? "(unknown)" : $0 }, separator: ", ")
            out.endLine()
        }
        for rate in group.perArch {
            out.put("   ")
            out.put(pad(rate.arch, 8))
            out.put(" ")
            out.line(rateTexts.text(rate))
        }
        if let p = group.archDifferenceP {
            out.put("   difference between architectures: Fisher exact ")
            out.line(RateFormatting.pValue(p))
        }
        if let race = group.race {
            if race.ambiguousAttributions > 0 {
                out.line("   attribution ambiguous in \(race.ambiguousAttributions) report(s)")
            }
            for hint in race.hints {
                out.put("   hint: ")
                out.line(hint.message)
                for evidence in hint.evidence {
                    out.put("         · ")
                    out.line(evidence)
                }
            }
            renderRace(race.example, depth: stackDepth, into: out)
        }
        if let failure = group.failure {
            out.put("   message: ")
            out.put(failure.maskedMessage, continuationIndent: 12)
            out.endLine()
            if failure.exampleMessage != failure.maskedMessage {
                out.put("   example: ")
                out.put(failure.exampleMessage, continuationIndent: 12)
                out.endLine()
            }
            if !failure.stack.isEmpty {
                out.line("   stack:")
                for frame in failure.stack.prefix(stackDepth) { frameLine(frame, into: out) }
            }
        }
        out.put("   seen at: ")
        for (shown, occurrence) in group.occurrences.prefix(5).enumerated() {
            if shown > 0 { out.put(", ") }
            out.put(runs[occurrence.runID].path)
            out.put(":")
            out.put(occurrence.line)
        }
        if group.occurrences.count > 5 {
            out.put(" … (")
            out.put(group.occurrences.count)
            out.put(" in all)")
        }
        out.endLine()
        if let first = group.firstSeen, let last = group.lastSeen {
            out.line("   first seen \(Timestamp.format(first)) · last seen \(Timestamp.format(last))")
        }
    }

    /// `  flaky    TestX  amd64 9✓ 1✗ (flaky) · s390x 10✓ 0✗ (passing)`.
    private static func renderTest(_ test: TestSummary, into out: TextLines) {
        out.put("  ")
        out.put(pad(test.verdict.rawValue, 8))
        out.put(" ")
        out.put(test.name)
        out.put("  ")
        for (index, tally) in test.perArch.enumerated() {
            if index > 0 { out.put(" · ") }
            out.put(tally.arch)
            out.put(" ")
            out.put(tally.passed)
            out.put("✓ ")
            out.put(tally.failed)
            out.put("✗ (")
            out.put(tally.verdict.rawValue)
            out.put(")")
        }
        out.endLine()
    }

    static func renderRace(_ report: RaceReport, depth: Int, into out: TextLines) {
        func line(_ text: String) { out.line(text) }
        if report.truncated { line("   (report cut off by the end of the log)") }
        for access in report.accesses {
            let kind = (access.atomic ? "atomic " : "") + access.kind.rawValue
            let title = access.previous ? "previous \(kind)" : kind
            out.put("   ")
            out.put(title)
            out.put(" by ")
            out.put(access.goroutine.description)
            if let address = access.address {
                out.put(" at ")
                out.put(address)
            }
            out.line(":")
            if access.stackUnavailable { line("     [failed to restore the stack]") }
            for frame in access.frames.prefix(depth) { frameLine(frame, into: out) }
        }
        for creation in report.creations {
            line("   goroutine \(creation.goroutine) (\(creation.state)) created at:")
            for frame in creation.frames.prefix(depth) { frameLine(frame, into: out) }
        }
        switch report.location {
        case .heap(let size, let address, let goroutine, let frames):
            line("   heap block of \(size) bytes at \(address) allocated by \(goroutine):")
            for frame in frames.prefix(depth) { frameLine(frame, into: out) }
        case .global(let name, let size, let address, let file, let number):
            line("   global \(name) (\(size) bytes at \(address)) declared at \(file):\(number)")
        case nil:
            break
        }
    }

    /// `     ▸ function  file:line`, in pieces: a report holds tens of thousands of these.
    static func frameLine(_ frame: Frame, into out: TextLines) {
        out.put(FrameClassifier.isInProject(frame.function) ? "     ▸ " : "       ")
        out.put(frame.function)
        out.put("  ")
        out.put(frame.file)
        out.put(":")
        out.put(frame.line)
        out.endLine()
    }

    /// Groups of one lane share a handful of rates (7/7, 0/7): each is formatted once.
    private struct RateTexts {
        private struct Key: Hashable {
            let occurrences: Int, runs: Int, low: Double, high: Double
        }
        private var texts: [Key: String] = [:]

        mutating func text(_ rate: ArchRate) -> String {
            let key = Key(occurrences: rate.occurrences, runs: rate.runs, low: rate.ci95.lowerBound, high: rate.ci95.upperBound)
            if let text = texts[key] { return text }
            let text = RateFormatting.rateWithInterval(rate)
            texts[key] = text
            return text
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
