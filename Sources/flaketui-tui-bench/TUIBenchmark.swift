import FlakeCore
import FlakeTUI
import Foundation

/// `swift run -c release flaketui-tui-bench [groups] [occurrences-per-group]`: times key presses
/// (reduce + render of a 120×40 screen) and filter keystrokes over a synthetic analysis.
@main
struct TUIBenchmark {
    static func main() {
        let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let groupCount = args.first ?? 100_000
        let perGroup = args.count > 1 ? args[1] : 10
        let (analysis, buildSeconds) = time { synthetic(groups: groupCount, occurrencesPerGroup: perGroup) }
        print("synthetic analysis: \(groupCount) groups, \(groupCount * perGroup) occurrences, \(analysis.tests.count) tests (built in \(ms(buildSeconds)))")
        let (index, indexSeconds) = time { AnalysisIndex(analysis) }
        print("index (sort orders, search text): \(ms(indexSeconds)) once at start-up")
        var state = AppState(index: index, size: Size(width: 120, height: 40))
        _ = render(state)

        func press(_ label: String, _ actions: [Action], repeats: Int = 20) {
            var samples: [Double] = []
            for _ in 0..<repeats {
                for action in actions {
                    let (_, seconds) = time { () -> Grid in
                        reduce(&state, action)
                        return render(state)
                    }
                    samples.append(seconds)
                }
            }
            report(label, samples)
        }

        print("\nkey press = reduce + render 120x40 (median / p95 / max):")
        press("j (down)", [.moveDown], repeats: 200)
        press("PgDn", [.pageDown], repeats: 100)
        press("G / g", [.bottom, .top], repeats: 20)
        press("s (cycle sort)", [.cycleSort], repeats: 8)
        press("a (cycle arch filter)", [.cycleArch], repeats: 8)
        press("Enter + Esc (detail and back)", [.drillIn, .back], repeats: 10)
        press("Tab in detail", [.drillIn, .nextPane, .nextPane, .nextPane, .back], repeats: 5)
        press("t + q (tests view)", [.testsView, .backOrQuit], repeats: 5)

        print("\nfilter, one keystroke at a time (each = reduce + render):")
        for (label, text) in [("literal", "inithandler4217"), ("regex", "init.*4217")] {
            reduce(&state, .beginFilter)
            var samples: [Double] = []
            for c in text {
                let (_, seconds) = time { () -> Grid in
                    reduce(&state, .filterInput(c))
                    return render(state)
                }
                samples.append(seconds)
            }
            let matches = state.listScreen.map { $0.rows.count } ?? 0
            report("typing \"\(text)\" (\(label), \(matches) left)", samples)
            var back: [Double] = []
            for _ in text {
                let (_, seconds) = time { () -> Grid in
                    reduce(&state, .filterBackspace)
                    return render(state)
                }
                back.append(seconds)
            }
            report("backspace to empty (\(label))", back)
            reduce(&state, .filterCancel)
        }
    }

    static func time<T>(_ body: () -> T) -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    static func report(_ label: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return }
        let median = sorted[sorted.count / 2], p95 = sorted[min(sorted.count - 1, sorted.count * 95 / 100)]
        let verdict = sorted.last! < 0.016 ? "ok" : "OVER 16 ms"
        print("  \(label.padding(toLength: 46, withPad: " ", startingAt: 0)) \(ms(median)) / \(ms(p95)) / \(ms(sorted.last!))  \(verdict)")
    }

    /// Groups of every kind over three arches; titles vary so filters have something to find.
    static func synthetic(groups: Int, occurrencesPerGroup: Int) -> Analysis {
        let arches = ["amd64", "arm64", "s390x"]
        let runsPerArch = 100
        let runs = arches.enumerated().flatMap { a, arch in
            (0..<runsPerArch).map { Run(id: a * runsPerArch + $0, path: "\(arch)/run-\($0).log", arch: arch, archSource: .path(arch), format: .goTestText) }
        }
        let kinds = GroupKind.allCases
        let testCount = max(1, groups / 5)
        var list: [FlakeGroup] = []
        list.reserveCapacity(groups)
        for g in 0..<groups {
            let kind = kinds[g % kinds.count]
            let hits = arches.indices.map { (g * 7 + $0 * 13) % 40 }
            let perArch = arches.enumerated().map { a, arch in
                ArchRate(arch: arch, occurrences: hits[a], runs: runsPerArch, ci95: Proportions.wilson(hits[a], runsPerArch))
            }
            let occurrences = (0..<occurrencesPerGroup).map { Occurrence(runID: ($0 * 31 + g) % runs.count, line: 10 + $0) }
            let title = kind == .race ? "data race: pkg\(g % 50).initHandler\(g) ↔ pkg\(g % 50).setupController\(g % 97)"
                : "TestSuite\(g % testCount)/case_\(g): expected \(g % 9) got \(g % 7)"
            list.append(
                FlakeGroup(
                    id: String(g, radix: 16), kind: kind, title: title, signature: "sig\(g)", tests: ["TestSuite\(g % testCount)/case_\(g)"],
                    packages: ["example.com/pkg\(g % 50)"], perArch: perArch, archDifferenceP: 0.5, occurrences: occurrences,
                    race: nil,
                    failure: FailureDetail(maskedMessage: "expected <N> got <N>", exampleMessage: "expected 3 got 2", stack: [])))
        }
        let tests = (0..<testCount).map { t in
            TestSummary(
                name: "TestSuite\(t)", package: "example.com/pkg\(t % 50)",
                perArch: arches.map { TestArchCounts(arch: $0, passed: 90, failed: t % 10, skipped: 0) },
                verdict: t % 10 == 0 ? .passing : .flaky, groupIDs: [String(t, radix: 16)])
        }
        let summaries = arches.map { ArchSummary(arch: $0, runs: runsPerArch, failedRuns: 60, raceRuns: 40) }
        return Analysis(runs: runs, arches: summaries, groups: list, tests: tests, problems: [])
    }
}

extension AppState {
    var listScreen: ListScreen? {
        if case .list(_, let list) = screen { return list }
        return nil
    }
}
