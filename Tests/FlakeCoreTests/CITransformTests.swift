import Testing
@testable import FlakeCore

/// What CI systems do to Go's output on its way to a log (the `ci-*` fixtures apply each
/// change to real output; see Fixtures/README.md) must not change what flaketui finds.
@Suite struct CITransformTests {
    @Test func githubActionsTimestampsOnEveryLine() throws {
        let stamped = try Fixtures.analyze("ci-gha-timestamps.log").analysis
        #expect(stamped.groups.filter { $0.kind == .race }.count == 2)
        #expect(Set(stamped.groups.flatMap(\.tests)) == ["TestCacheRace", "TestCounterRace"])
        #expect(stamped.runs.first?.packages == ["example.com/shapes/tworaces"])
    }

    @Test func prowTimePrefixes() throws {
        let prefixed = try Fixtures.parse("ci-prow-prefix.log")
        let plain = try [Fixtures.parse("subtests-parallel.log"), Fixtures.parse("panic.log")]
        #expect(prefixed.tests.count == plain.map(\.tests.count).reduce(0, +))
        #expect(prefixed.packages.map(\.name) == ["example.com/shapes/subtests", "example.com/shapes/panics"])
        #expect(prefixed.panics.first?.test == "TestIndexPanic")
        #expect(prefixed.tests.first { $0.name == "TestTable/odd" }?.messages == ["sub_test.go:17: double(3) = 6, want 7"])
    }

    @Test func crlfLineEndings() throws {
        let crlf = try Fixtures.analyze("ci-crlf.log").analysis
        let plain = try Fixtures.analyze("race-heap.log").analysis
        #expect(crlf.groups.map(\.id) == plain.groups.map(\.id))
        let frame = try #require(crlf.groups.first?.race?.example.accesses.first?.frames.first)
        #expect(!frame.file.hasSuffix("\r"))
    }

    @Test func ansiColourCodesAreStripped() throws {
        let colour = try Fixtures.parse("ginkgo-verbose-color.log")
        #expect(try Fixtures.text("ginkgo-verbose-color.log").contains("\u{1B}["))
        #expect(colour.specFailures.allSatisfy { !$0.spec.contains("\u{1B}") && !$0.message.contains("\u{1B}") })
    }

    @Test func timestampForms() {
        func stripped(_ text: String) -> String {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                LineNormalizer.strippingTimestamp(ByteLine(base: UnsafePointer(buffer.baseAddress!), count: buffer.count)).string
            }
        }
        #expect(stripped("2026-11-25T13:44:44.0013530Z === RUN   TestX") == "=== RUN   TestX")
        #expect(stripped("13:44:44: --- FAIL: TestX (0.00s)") == "--- FAIL: TestX (0.00s)")
        #expect(stripped("    main_test.go:12: 13:44:44 is not a prefix") == "    main_test.go:12: 13:44:44 is not a prefix")
        #expect(stripped("12345678 bytes") == "12345678 bytes")
    }
}
