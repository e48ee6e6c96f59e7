import Foundation

/// First and last seen for each group, from the start times of the runs it occurred in: what
/// tells a flake that stopped from one that is still there.
enum SeenTimes {
    static func annotate(_ groups: [FlakeGroup], runs: [Run]) -> [FlakeGroup] {
        guard runs.contains(where: { $0.startTime != nil }) else { return groups }
        return groups.map { group in
            var annotated = group
            var first: Date?, last: Date?
            for occurrence in group.occurrences {
                guard runs.indices.contains(occurrence.runID), let start = runs[occurrence.runID].startTime else { continue }
                if first.map({ start < $0 }) ?? true { first = start }
                if last.map({ start > $0 }) ?? true { last = start }
            }
            annotated.firstSeen = first
            annotated.lastSeen = last
            return annotated
        }
    }
}
