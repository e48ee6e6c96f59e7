/// One line per CI layout for the plain report: how many runs, over what time, on how many
/// commits, with what CI results.
enum CIRunSummary {
    static func lines(_ runs: [Run]) -> [String] {
        var lines: [String] = []
        for layout in CILayout.allCases {
            let ofLayout = runs.filter { $0.layout == layout }
            guard !ofLayout.isEmpty else { continue }
            var parts = ["\(ofLayout.count) runs"]
            let times = ofLayout.compactMap(\.startTime)
            if let first = times.min(), let last = times.max() {
                parts.append("started \(Timestamp.format(first)) to \(Timestamp.format(last))")
            }
            let commits = Set(ofLayout.compactMap(\.commit))
            if !commits.isEmpty { parts.append("\(commits.count) commit(s)") }
            let results = Dictionary(grouping: ofLayout.compactMap(\.ciResult), by: { $0 })
            if !results.isEmpty {
                parts.append("CI results: " + results.keys.sorted().map { "\($0) \(results[$0]!.count)" }.joined(separator: ", "))
            }
            lines.append("  \(layout.rawValue) layout: \(parts.joined(separator: " · "))")
        }
        return lines
    }
}
