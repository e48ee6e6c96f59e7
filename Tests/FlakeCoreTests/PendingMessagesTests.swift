import Foundation
import Testing

@testable import FlakeCore

/// Messages wait as bytes until their test's result: they come back in order, continuations
/// join the test's last message wherever it is, and a test that did not fail keeps them only
/// when asked (the JSON report's run contents).
@Suite struct PendingMessagesTests {
    private func withLine<R>(_ text: String, _ body: (ByteLine) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer { body(ByteLine(base: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)) }
    }

    @Test func messagesComeBackInOrderWithTheirContinuations() {
        var pending = PendingMessages()
        let first = InternedName("TestFirst"), second = InternedName("TestSecond")
        withLine("first_test.go:10: expected 1") { pending.append($0, test: first) }
        withLine("second_test.go:4: other") { pending.append($0, test: second) }
        // The first test's message is no longer the last one written: it moves to grow.
        #expect(withLine("got 2") { pending.continueLast(of: first, with: $0) })
        withLine("first_test.go:12: again") { pending.append($0, test: first) }
        #expect(pending.count(of: first) == 2 && pending.count(of: second) == 1)
        #expect(pending.take(first, keep: true) == ["first_test.go:10: expected 1\ngot 2", "first_test.go:12: again"])
        #expect(pending.count(of: first) == 0 && !pending.isEmpty)
        #expect(pending.take(second, keep: false) == [])
        #expect(pending.isEmpty)
        #expect(!withLine("orphan") { pending.continueLast(of: first, with: $0) })
    }

    @Test func aMessageStopsGrowingAtTwoThousandCharacters() {
        var pending = PendingMessages()
        let test = InternedName("TestLong")
        // 1,999 characters in 3,998 bytes: still room for one more line.
        withLine(String(repeating: "é", count: 1999)) { pending.append($0, test: test) }
        #expect(withLine("x") { pending.continueLast(of: test, with: $0) })
        // 2,001 characters now: the next continuation is dropped (but the test had a message).
        #expect(withLine("y") { pending.continueLast(of: test, with: $0) })
        #expect(pending.take(test, keep: true) == [String(repeating: "é", count: 1999) + "\nx"])
    }

    @Test func testsThatDidNotFailKeepTheirMessagesOnlyWhenAsked() throws {
        for name in ["multi-package-verbose.log", "subtests-parallel.log", "multi-package.json", "subtests-parallel.json"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(name)))
            let kept = bytes.withUnsafeBytes { LogParser(runID: 0).parse($0) }
            let trimmed = bytes.withUnsafeBytes { LogParser(runID: 0, keepPassingMessages: false).parse($0) }
            try #require(kept.tests.count == trimmed.tests.count)
            #expect(kept.tests.contains { $0.outcome != .failed && !$0.messages.isEmpty }, "\(name)")
            for (all, some) in zip(kept.tests, trimmed.tests) {
                #expect(all.name == some.name && all.outcome == some.outcome && all.raceDetected == some.raceDetected)
                #expect(some.messages == (all.outcome == .failed ? all.messages : []), "\(name): \(all.name)")
            }
        }
    }
}
