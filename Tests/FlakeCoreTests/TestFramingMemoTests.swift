import Foundation
import Testing

@testable import FlakeCore

/// Runs of framing lines a worker remembers (`TestFramingMemo`) and steps over when they come
/// again change nothing a log parses to: every result, its line, the test output belongs to,
/// and every line number after them are what reading line by line gives.
@Suite struct TestFramingMemoTests {
    /// Every text fixture: verbose and not, subtests and parallel tests, races, panics,
    /// timeouts, Ginkgo, build failures and CI-changed lines.
    static let fixtures = [
        "subtests-parallel.log", "multi-package-verbose.log", "multi-package.log", "race-two-races.log", "race-heap.log",
        "race-global.log", "race-atomic.log", "race-main-goroutine.log", "race-goroutine-finished.log", "race-outside-test.log",
        "panic.log", "timeout.log", "build-failure.log", "no-test-files.log", "go-version-header.log", "ginkgo-dots-nocolor.log",
        "ginkgo-dots-color.log", "ginkgo-verbose-nocolor.log", "ginkgo-verbose-color.log", "ci-crlf.log", "ci-gha-timestamps.log",
        "ci-prow-prefix.log", "ci-truncated-race.log",
    ]

    private func parsed(_ bytes: [UInt8], interner: ByteInterner?) throws -> Data {
        try Fixtures.encodedParse(bytes, interner: interner)
    }

    /// Each result line's duration replaced by another of a different length, as another run
    /// of the same tests prints it.
    static func retimed(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.contains("--- "), line.hasSuffix("s)"), let open = line.range(of: " (", options: .backwards) else {
                return String(line)
            }
            return line[..<open.upperBound] + "12.5s)"
        }.joined(separator: "\n")
    }

    @Test(arguments: fixtures)
    func runsFoundAgainParseAsReadLineByLine(name: String) throws {
        let text = try Fixtures.text(name)
        let interner = ByteInterner()
        let expected = try parsed(Array(text.utf8), interner: nil)
        #expect(try parsed(Array(text.utf8), interner: interner) == expected)
        #expect(try parsed(Array(text.utf8), interner: interner) == expected)
        let retimed = Array(Self.retimed(text).utf8)
        #expect(try parsed(retimed, interner: interner) == (try parsed(retimed, interner: nil)))
    }

    /// The second read of a log with runs of two framing lines or more steps over them, with
    /// other durations too; a CI system's changed lines (CRLF, timestamps) never are.
    @Test func runsAreFoundAgainUnlessCIChangedTheirLines() throws {
        for name in ["subtests-parallel.log", "multi-package-verbose.log"] {
            let text = try Fixtures.text(name)
            let interner = ByteInterner()
            _ = try parsed(Array(text.utf8), interner: interner)
            #expect(interner.framing.hits == 0, "\(name)")
            _ = try parsed(Array(Self.retimed(text).utf8), interner: interner)
            #expect(interner.framing.hits > 0, "\(name)")
        }
        for name in ["ci-crlf.log", "ci-gha-timestamps.log"] {
            let interner = ByteInterner()
            _ = try parsed(Array(try Fixtures.text(name).utf8), interner: interner)
            _ = try parsed(Array(try Fixtures.text(name).utf8), interner: interner)
            #expect(interner.framing.hits == 0, "\(name)")
        }
    }

    /// Logs that share the first lines of a run and then part (one test's result moved later,
    /// as another run of a parallel suite prints it): the shared lines are stepped over, the
    /// rest read, and both parse as they do without a memo.
    @Test func runsThatPartAreSteppedOverAsFarAsTheyRepeat() throws {
        let lines = try Fixtures.text("subtests-parallel.log").split(separator: "\n", omittingEmptySubsequences: false)
        let results = lines.indices.filter { lines[$0].hasPrefix("    --- ") }
        try #require(results.count >= 2)
        var parted = lines
        parted.swapAt(results[0], results[1])
        let interner = ByteInterner()
        for text in [lines, parted, lines, parted].map({ $0.joined(separator: "\n") }) {
            let bytes = Array(text.utf8)
            #expect(try parsed(bytes, interner: interner) == (try parsed(bytes, interner: nil)))
        }
        #expect(interner.framing.hits > 0)
    }

    /// A memo that keeps nothing, or forgets at every run, leaves the parse as it is.
    @Test(arguments: [(0, 4 << 20), (1, 4 << 20), (4096, 1)])
    func aSmallMemoChangesNothing(limit: Int, byteLimit: Int) throws {
        let text = try Fixtures.text("subtests-parallel.log")
        let interner = ByteInterner(framing: TestFramingMemo(limit: limit, perKey: 8, byteLimit: byteLimit))
        let expected = try parsed(Array(text.utf8), interner: nil)
        for _ in 0..<3 { #expect(try parsed(Array(text.utf8), interner: interner) == expected) }
    }

    /// What a copy must repeat byte for byte: a result line up to its duration's `(`; any other
    /// line whole (a duration-like end of a test's name is part of it).
    @Test func keptParts() {
        func kept(_ text: String, result: Bool) -> (Int, Bool)? {
            ByteLine.withBytes(of: text) { TestFramingMemo.keptPart($0, result: result).map { ($0.count, $0.timed) } }
        }
        #expect(kept("--- PASS: TestX (0.01s)", result: true)! == (17, true))
        #expect(kept("    --- FAIL: TestX/sub (12.50s)", result: true)! == (25, true))
        #expect(kept("--- PASS: TestX (case) (0.00s)", result: true)! == (24, true))
        #expect(kept("--- PASS: TestX", result: true)! == (15, false))
        #expect(kept("--- PASS: TestX (s)", result: true)! == (19, false))
        #expect(kept("=== RUN   TestX (1s)", result: false)! == (20, false))
        #expect(kept("", result: false) == nil)
    }
}
