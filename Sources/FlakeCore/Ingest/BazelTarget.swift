/// A Bazel test target named by its `bazel-testlogs` path. Bazel runs the Go test binary
/// directly, so its `test.log` has no `ok`/`FAIL` package line; the target label stands in for
/// the package where the log names none.
enum BazelTarget {
    /// `//shapes/subtests:subtests_test` for `…/bazel-testlogs/shapes/subtests/subtests_test/shard_1_of_2/test.log`.
    static func label(forPath path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        guard let root = parts.lastIndex(of: "bazel-testlogs") else { return nil }
        parts = Array(parts[(root + 1)...].dropLast())  // the file
        while let last = parts.last, last.hasPrefix("run_") || last.hasPrefix("shard_") || last.hasPrefix("attempt_") {
            parts.removeLast()
        }
        guard let target = parts.popLast() else { return nil }
        return "//\(parts.joined(separator: "/")):\(target)"
    }

    /// Names the log's unnamed package after the target.
    static func naming(_ log: ParsedLog, unnamedPackageAs label: String) -> ParsedLog {
        var named = log
        for i in named.packages.indices where named.packages[i].name.isEmpty { named.packages[i].name = label }
        for i in named.tests.indices where named.tests[i].package.isEmpty { named.tests[i].package = label }
        for i in named.races.indices where named.races[i].package.isEmpty { named.races[i].package = label }
        for i in named.panics.indices where named.panics[i].package.isEmpty { named.panics[i].package = label }
        for i in named.buildFailures.indices where named.buildFailures[i].package.isEmpty { named.buildFailures[i].package = label }
        for i in named.specFailures.indices where named.specFailures[i].package.isEmpty { named.specFailures[i].package = label }
        return named
    }
}
