/// Test identities recovered from stack frames.
enum TestNames {
    struct Split: Sendable {
        let package: String
        let test: String
    }

    /// `example.com/m/pkg.TestFoo.func1.2` → (`example.com/m/pkg`, `TestFoo`).
    static func split(function: String) -> (package: String, test: String)? {
        // Memoised per thread: the same few functions recur in every report of a folder.
        let key = HashedString(function)
        let memo = FrameMemo.current
        if let known = memo.testSplits[key] { return known.map { ($0.package, $0.test) } }
        let result = compute(function)
        memo.testSplits[key] = .some(result.map { Split(package: $0.package, test: $0.test) })
        return result
    }

    private static func compute(_ function: String) -> (package: String, test: String)? {
        let afterSlash = function.lastIndex(of: "/").map { function.index(after: $0) } ?? function.startIndex
        guard let dot = function[afterSlash...].firstIndex(of: ".") else { return nil }
        let rest = function[function.index(after: dot)...]
        guard rest.hasPrefix("Test") else { return nil }
        let name = rest.prefix { $0 != "." }
        // `Test` alone, or `Testing…` helpers, are not test functions: Test then an upper-case
        // letter, a digit or an underscore.
        // TestMain runs the tests; it is not one.
        guard name.count > 4, name != "TestMain" else { return nil }
        let fifth = name[name.index(name.startIndex, offsetBy: 4)]
        guard fifth.isUppercase || fifth.isNumber || fifth == "_" else { return nil }
        // External test packages (`package foo_test`) belong to the package under test.
        var package = String(function[..<dot])
        if package.hasSuffix("_test") { package.removeLast(5) }
        return (package, String(name))
    }
}
