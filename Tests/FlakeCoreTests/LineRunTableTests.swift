import Testing

@testable import FlakeCore

/// Runs of lines are stored once and matched by their bytes at any offset.
@Suite struct LineRunTableTests {
    private func withBytes<R>(_ text: String, _ body: (ByteLine) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer { body(ByteLine(base: $0.baseAddress!, count: $0.count)) }
    }

    @Test func equalRunsShareANumberAndMatchWhereTheyAre() {
        let table = LineRunTable()
        let stack = "  testing.tRunner()\n      /usr/lib/go-1.19/src/testing/testing.go:1446 +0x216\n"
        let first = withBytes(stack) { table.id(of: $0) }
        let other = withBytes("\n") { table.id(of: $0) }
        #expect(withBytes(stack) { table.id(of: $0) } == first)
        #expect(other != first)
        #expect(table.byteCount == stack.utf8.count + 1)
        withBytes("Goroutine 7 (running) created at:\n" + stack + "\n") { text in
            table.withRuns { runs in
                #expect(runs.match(first, in: text, at: 34) == 34 + stack.utf8.count)
                #expect(runs.match(other, in: text, at: 34 + stack.utf8.count) == text.count)
                #expect(runs.match(first, in: text, at: 0) == nil)
                // A run that would end past the text is no match.
                #expect(runs.match(first, in: text, at: text.count - 3) == nil)
            }
        }
        table.removeAll()
        #expect(table.byteCount == 0)
        #expect(withBytes("\n") { table.id(of: $0) } == 0)
    }
}
