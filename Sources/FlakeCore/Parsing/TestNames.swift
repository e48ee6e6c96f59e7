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

    /// On the name's bytes: `Character` walks over long function names cost more than the rest
    /// of a report's digest.
    private static func compute(_ function: String) -> (package: String, test: String)? {
        ByteLine.withBytes(of: function) { bytes in
            let afterSlash = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            guard let dot = bytes.firstIndex(of: UInt8(ascii: "."), from: afterSlash) else { return nil }
            let rest = bytes.dropFirst(dot + 1)
            guard rest.hasPrefix("Test") else { return nil }
            let name = rest.prefix(rest.firstIndex(of: UInt8(ascii: ".")) ?? rest.count)
            // `Test` alone, or `Testing…` helpers, are not test functions: Test then an upper-case
            // letter, a digit or an underscore.
            // TestMain runs the tests; it is not one.
            guard name.count > 4, !name.equals("TestMain"), startsLikeTestName(name.dropFirst(4)) else { return nil }
            // External test packages (`package foo_test`) belong to the package under test.
            var package = bytes.prefix(dot)
            if package.hasSuffix("_test") { package = package.prefix(package.count - 5) }
            return (package.string, name.string)
        }
    }

    private static func startsLikeTestName(_ bytes: ByteLine) -> Bool {
        let first = bytes[0]
        if first < 0x80 { return (first >= 0x41 && first <= 0x5A) || first.isASCIIDigit || first == UInt8(ascii: "_") }
        guard let character = bytes.string.first else { return false }
        return character.isUppercase || character.isNumber
    }
}
