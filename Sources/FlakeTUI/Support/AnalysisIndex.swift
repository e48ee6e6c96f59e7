import FlakeCore

/// Sort orders of the group lists; `s` cycles through them.
public enum GroupSort: String, Sendable, CaseIterable {
    case impact, rate, runs, title
}

/// Sort orders of the tests view.
public enum TestSort: String, Sendable, CaseIterable {
    case verdict, failures, name
}

/// What the views need from an `Analysis`, computed once at start-up so that no key press does
/// O(groups) work beyond the filter itself: sort permutations, arch masks, search text, titles.
public final class AnalysisIndex: Sendable {
    public let analysis: Analysis
    public let arches: [String]
    public let readableTitles: [String]
    public let groupSearch: SearchCorpus
    public let testSearch: SearchCorpus
    /// Bit a set for each arch (index into `arches`) on which the group occurred.
    private let groupArchMask: [UInt64]
    /// Bit a set for each arch on which the test failed at least once.
    private let testArchMask: [UInt64]
    private let groupOrders: [GroupSort: [Int32]]
    /// Rate order restricted to one arch, for sorting by rate with an arch filter on.
    private let groupRateOrderByArch: [[Int32]]
    private let testOrders: [TestSort: [Int32]]
    private let groupIndexByID: [String: Int]
    private let testIndexByName: [String: Int]

    public init(_ analysis: Analysis) {
        self.analysis = analysis
        var arches = analysis.arches.map(\.arch)
        for group in analysis.groups {
            for rate in group.perArch where !arches.contains(rate.arch) { arches.append(rate.arch) }
        }
        self.arches = arches
        let archBit = Dictionary(uniqueKeysWithValues: arches.prefix(64).enumerated().map { ($1, UInt64(1) << $0) })
        let groups = analysis.groups
        let titles = groups.map(GroupTitles.readableTitle)
        readableTitles = titles
        groupSearch = SearchCorpus(
            groups.indices.map { i in
                let g = groups[i]
                return "\(g.kind.rawValue) \(titles[i]) \(g.title) \(g.tests.joined(separator: " ")) \(g.id)"
            })
        groupArchMask = groups.map { g in
            g.perArch.reduce(0) { $1.occurrences > 0 ? $0 | (archBit[$1.arch] ?? 0) : $0 }
        }
        let tests = analysis.tests
        testSearch = SearchCorpus(tests.map { "\($0.verdict.rawValue) \($0.name) \($0.package)" })
        testArchMask = tests.map { t in
            t.perArch.reduce(0) { $1.failed > 0 ? $0 | (archBit[$1.arch] ?? 0) : $0 }
        }

        let identity = (0..<Int32(groups.count)).map { $0 }
        let maxRate = groups.map { $0.perArch.map(\.rate).max() ?? 0 }
        let runCounts = groups.map(\.runCount)
        func stable(_ less: (Int, Int) -> Bool?) -> [Int32] {
            identity.sorted { a, b in less(Int(a), Int(b)) ?? (a < b) }
        }
        groupOrders = [
            .impact: identity,
            .rate: stable { maxRate[$0] == maxRate[$1] ? nil : maxRate[$0] > maxRate[$1] },
            .runs: stable { runCounts[$0] == runCounts[$1] ? nil : runCounts[$0] > runCounts[$1] },
            .title: stable { titles[$0] == titles[$1] ? nil : titles[$0] < titles[$1] },
        ]
        groupRateOrderByArch = arches.map { arch in
            let rates = groups.map { $0.perArch.first { $0.arch == arch }?.rate ?? 0 }
            return stable { rates[$0] == rates[$1] ? nil : rates[$0] > rates[$1] }
        }
        let testIdentity = (0..<Int32(tests.count)).map { $0 }
        let failures = tests.map { $0.perArch.reduce(0) { $0 + $1.failed } }
        func verdictRank(_ v: TestVerdict) -> Int {
            switch v {
            case .flaky: 0
            case .failing: 1
            case .passing: 2
            case .skipped: 3
            }
        }
        testOrders = [
            .verdict: testIdentity.sorted { a, b in
                let ra = verdictRank(tests[Int(a)].verdict), rb = verdictRank(tests[Int(b)].verdict)
                if ra != rb { return ra < rb }
                if failures[Int(a)] != failures[Int(b)] { return failures[Int(a)] > failures[Int(b)] }
                return tests[Int(a)].name < tests[Int(b)].name
            },
            .failures: testIdentity.sorted { a, b in
                failures[Int(a)] == failures[Int(b)] ? a < b : failures[Int(a)] > failures[Int(b)]
            },
            .name: testIdentity.sorted { tests[Int($0)].name < tests[Int($1)].name },
        ]
        groupIndexByID = Dictionary(groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        testIndexByName = Dictionary(tests.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func groupIndex(id: String) -> Int? { groupIndexByID[id] }
    public func testIndex(name: String) -> Int? { testIndexByName[name] }

    /// Group rows in sort order, restricted to one arch when `arch` is set.
    public func groupRows(sort: GroupSort, arch: Int?, among subset: [Int32]? = nil) -> [Int32] {
        var order: [Int32]
        if sort == .rate, let arch, arch < groupRateOrderByArch.count {
            order = groupRateOrderByArch[arch]
        } else {
            order = groupOrders[sort] ?? []
        }
        if let subset {
            // Subsets are small (the groups of one test): keep the global order among them.
            let wanted = Set(subset)
            order = order.filter(wanted.contains)
        }
        guard let arch, arch < 64 else { return order }
        let bit = UInt64(1) << arch
        return order.filter { groupArchMask[Int($0)] & bit != 0 }
    }

    public func testRows(sort: TestSort, arch: Int?) -> [Int32] {
        let order = testOrders[sort] ?? []
        guard let arch, arch < 64 else { return order }
        let bit = UInt64(1) << arch
        return order.filter { testArchMask[Int($0)] & bit != 0 }
    }

    /// The groups that hit one test, as row indices.
    public func groupRows(ofTest test: Int) -> [Int32] {
        analysis.tests[test].groupIDs.compactMap { groupIndex(id: $0).map(Int32.init) }
    }

    /// `s390x  50 runs · 30 failed · 30/50 with a race`, arch names padded to one width.
    public func archHeaderLines() -> [String] {
        let width = analysis.arches.map { DisplayWidth.of($0.arch) }.max() ?? 0
        return analysis.arches.map { a in
            "\(DisplayWidth.pad(a.arch, to: width))  \(a.runs) runs · \(a.failedRuns) failed · \(a.raceRuns)/\(a.runs) with a race"
        }
    }

    /// All arches on one line, for short terminals.
    public func archSummaryLine() -> String {
        analysis.arches.map { "\($0.arch) \($0.runs) runs/\($0.failedRuns) failed/\($0.raceRuns) race" }
            .joined(separator: " · ")
    }
}
