/// The report printed when standard output is not a terminal, or with `--no-tui`.
public enum PlainTextReport {
    public static func render(_ result: AnalyzeResult, stackDepth: Int = 12) -> String {
        let analysis = result.analysis
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }

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
        for (index, group) in analysis.groups.enumerated() {
            line()
            line("#\(index + 1) [\(group.kind.rawValue)] \(group.title)   (id \(group.id))")
            if !group.tests.isEmpty { line("   tests: \(group.tests.joined(separator: ", "))") }
            if !group.packages.isEmpty { line("   package: \(group.packages.map { $0.isEmpty ? "(unknown)" : $0 }.joined(separator: ", "))") }
            for rate in group.perArch {
                line("   \(pad(rate.arch, 8)) \(RateFormatting.rateWithInterval(rate))")
            }
            if let p = group.archDifferenceP { line("   difference between architectures: Fisher exact \(RateFormatting.pValue(p))") }
            if let race = group.race {
                if race.ambiguousAttributions > 0 {
                    line("   attribution ambiguous in \(race.ambiguousAttributions) report(s)")
                }
                for hint in race.hints {
                    line("   hint: \(hint.message)")
                    for evidence in hint.evidence { line("         · \(evidence)") }
                }
                renderRace(race.example, depth: stackDepth, line: line)
            }
            if let failure = group.failure {
                line("   message: \(indentContinuation(failure.maskedMessage, by: 12))")
                if failure.exampleMessage != failure.maskedMessage {
                    line("   example: \(indentContinuation(failure.exampleMessage, by: 12))")
                }
                if !failure.stack.isEmpty {
                    line("   stack:")
                    for frame in failure.stack.prefix(stackDepth) { line("     \(frameText(frame))") }
                }
            }
            let places = group.occurrences.prefix(5).map { "\(analysis.runs[$0.runID].path):\($0.line)" }
            let more = group.occurrences.count > 5 ? " … (\(group.occurrences.count) in all)" : ""
            line("   seen at: \(places.joined(separator: ", "))\(more)")
            if let first = group.firstSeen, let last = group.lastSeen {
                line("   first seen \(Timestamp.format(first)) · last seen \(Timestamp.format(last))")
            }
        }
        line()
        line("TESTS")
        for test in analysis.tests where test.verdict != .passing {
            let counts = test.perArch.map { "\($0.arch) \($0.passed)✓ \($0.failed)✗ (\($0.verdict.rawValue))" }
            line("  \(pad(test.verdict.rawValue, 8)) \(test.name)  \(counts.joined(separator: " · "))")
        }
        let passing = analysis.tests.filter { $0.verdict == .passing }.count
        if passing > 0 { line("  … and \(passing) passing test(s)") }
        if !analysis.problems.isEmpty {
            line()
            line("PROBLEMS")
            for problem in analysis.problems { line("  \(problem.path): \(problem.message)") }
        }
        return out
    }

    static func renderRace(_ report: RaceReport, depth: Int, line: (String) -> Void) {
        if report.truncated { line("   (report cut off by the end of the log)") }
        for access in report.accesses {
            let kind = (access.atomic ? "atomic " : "") + access.kind.rawValue
            let title = access.previous ? "previous \(kind)" : kind
            line("   \(title) by \(access.goroutine)\(access.address.map { " at \($0)" } ?? ""):")
            if access.stackUnavailable { line("     [failed to restore the stack]") }
            for frame in access.frames.prefix(depth) { line("     \(frameText(frame))") }
        }
        for creation in report.creations {
            line("   goroutine \(creation.goroutine) (\(creation.state)) created at:")
            for frame in creation.frames.prefix(depth) { line("     \(frameText(frame))") }
        }
        switch report.location {
        case .heap(let size, let address, let goroutine, let frames):
            line("   heap block of \(size) bytes at \(address) allocated by \(goroutine):")
            for frame in frames.prefix(depth) { line("     \(frameText(frame))") }
        case .global(let name, let size, let address, let file, let number):
            line("   global \(name) (\(size) bytes at \(address)) declared at \(file):\(number)")
        case nil:
            break
        }
    }

    static func frameText(_ frame: Frame) -> String {
        let marker = FrameClassifier.isInProject(frame.function) ? "▸" : " "
        return "\(marker) \(frame.function)  \(frame.file):\(frame.line)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func indentContinuation(_ text: String, by width: Int) -> String {
        // Most messages are one line; the others split on bytes (splitting by Character was a
        // quarter of the report's time).
        guard text.utf8.contains(0x0A) else { return text }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: "\n" + String(repeating: " ", count: width))
    }
}
