import Foundation

/// The `go test` command that should show a group again: `-count` is the number of runs
/// needed to see it at least once with 95% probability at the observed rate.
public struct ReproductionCommand: Sendable, Hashable {
    /// The shell command line.
    public let command: String
    /// Runs needed at the lowest rate observed on any architecture (where it occurred at all).
    public let count: Int
    /// The architecture whose rate set `count`.
    public let limitingArch: String?

    public init(group: FlakeGroup, runs: [Run]) {
        let needed = group.perArch.compactMap { rate -> (arch: String, runs: Int)? in
            guard rate.occurrences > 0, let n = Proportions.runsToObserve(rate: rate.rate) else { return nil }
            return (rate.arch, n)
        }
        // The maximum over architectures: enough runs wherever the group was seen.
        let limiting = needed.max { $0.runs < $1.runs || ($0.runs == $1.runs && $0.arch > $1.arch) }
        count = group.kind == .build ? 1 : limiting?.runs ?? 1
        limitingArch = group.kind == .build ? nil : limiting?.arch

        var words = ["go", "test"]
        // Races need the detector; other flakes keep its timing when their runs had it on.
        let raceDetector = group.kind == .race
            || group.occurrences.contains { runs.indices.contains($0.runID) && runs[$0.runID].hasRace }
        if raceDetector { words.append("-race") }
        words.append("-count=\(count)")
        if group.kind == .build {
            // Compiling the package and its tests is the reproduction; no test needs to run.
            words += ["-run", Self.shellQuoted("^$")]
        } else if let pattern = Self.runPattern(group.tests) {
            words += ["-run", Self.shellQuoted(pattern)]
        }
        let packages = group.packages.filter { !$0.isEmpty }
        words += packages.isEmpty ? ["./..."] : packages.map(Self.shellQuoted)
        command = words.joined(separator: " ")
    }

    /// `-run` matches each `/`-separated level separately: one test gets every level anchored;
    /// several get their distinct top-level names, which runs a superset (all their subtests).
    static func runPattern(_ tests: [String]) -> String? {
        let names = tests.filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        if names.count == 1 {
            return names[0].split(separator: "/", omittingEmptySubsequences: false)
                .map { "^\(regexEscaped(String($0)))$" }.joined(separator: "/")
        }
        var topLevel: [String] = []
        for name in names {
            let top = String(name.prefix { $0 != "/" })
            if !topLevel.contains(top) { topLevel.append(top) }
        }
        if topLevel.count == 1 { return "^\(regexEscaped(topLevel[0]))$" }
        return "^(" + topLevel.map(regexEscaped).joined(separator: "|") + ")$"
    }

    /// Go's regexp metacharacters, as `regexp.QuoteMeta` escapes them.
    static func regexEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Single quotes unless the word is plainly safe, so a pasted command means what it shows.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0)) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
