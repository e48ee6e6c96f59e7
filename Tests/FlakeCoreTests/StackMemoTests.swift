import Foundation
import Testing

@testable import FlakeCore

/// A worker's remembered stacks (`StackMemo`) change nothing a log parses to: real race and
/// panic logs, read by one interner in several orders, parse as they do with no memo at all,
/// also when a stack stops early, outgrows a remembered one or has another line in its midst.
@Suite struct StackMemoTests {
    static let fixtures = [
        "race-two-races.log", "race-heap.log", "race-global.log", "race-atomic.log", "race-main-goroutine.log",
        "race-goroutine-finished.log", "race-outside-test.log", "ci-truncated-race.log", "panic.log",
    ]

    /// The fixture as it is, cut after the fifth line of its first stack, and with a line of
    /// test output (`testing.go:…: race detected …`, as Go prints it) inside its first stack.
    private func variants(of name: String) throws -> [(String, [UInt8])] {
        let lines = try Fixtures.text(name).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A function line followed by its location (`\t/path/file.go:12 +0x2c`).
        guard
            let firstFrame = lines.indices.dropLast().first(where: {
                lines[$0].hasSuffix(")") && lines[$0 + 1].first?.isWhitespace == true && lines[$0 + 1].contains(".go:")
            })
        else { return [] }
        let cut = min(firstFrame + 5, lines.count)
        var interleaved = lines
        interleaved.insert("    testing.go:1319: race detected during execution of test", at: min(firstFrame + 3, lines.count))
        return [
            ("\(name)", Array(lines.joined(separator: "\n").utf8)),
            ("\(name), cut in its first stack", Array(lines[..<cut].joined(separator: "\n").utf8)),
            ("\(name), with output inside a stack", Array(interleaved.joined(separator: "\n").utf8)),
        ]
    }

    private func parsed(_ bytes: [UInt8], interner: ByteInterner?) throws -> Data {
        let log = bytes.withUnsafeBytes { LogParser(runID: 0, interner: interner).parse($0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(log)
    }

    /// Also with a memo that forgets all it holds at every new stack, or keeps one per first line.
    @Test(arguments: [(4096, 16), (1, 16), (4096, 1)])
    func logsParseAsWithoutTheMemoInAnyOrder(limit: Int, perFirstLine: Int) throws {
        let variants = try Self.fixtures.flatMap(variants(of:))
        #expect(variants.count == Self.fixtures.count * 3)
        let expected = try variants.map { try parsed($0.1, interner: nil) }
        // No race reports remembered whole: they would be stepped over instead of their stacks followed.
        let interner = ByteInterner(stacks: StackMemo(limit: limit, perFirstLine: perFirstLine), races: RaceBlockMemo(limit: 0))
        // Forwards, backwards, then forwards again: each stack is met first in one shape, then in the others.
        let order = Array(variants.indices) + variants.indices.reversed() + Array(variants.indices)
        for index in order {
            #expect(try parsed(variants[index].1, interner: interner) == expected[index], "\(variants[index].0)")
        }
    }

    /// Two sections read at once (test2json interleaves packages): one follows a remembered
    /// stack while the other's stack makes the memo forget everything; the first still ends
    /// with the frames its lines give.
    @Test func aFollowedStackOutlivesTheMemoForgettingIt() throws {
        let log = try Fixtures.parse("race-two-races.log")
        let stacks = log.races.flatMap { $0.report.accesses.map(\.frames) + $0.report.creations.map(\.frames) }
        let lines = try stackLines(in: "race-two-races.log")
        #expect(lines.count >= 2 && lines.count == stacks.count)
        let interner = ByteInterner(stacks: StackMemo(limit: 1))
        func collect(_ stack: [String], into collector: inout FrameCollector) {
            for line in stack { _ = Array(line.utf8).withUnsafeBufferPointer { collector.feed(ByteLine(base: $0.baseAddress!, count: $0.count)) } }
        }
        var first = FrameCollector(interner: interner)
        collect(lines[0], into: &first)
        #expect(first.take() == stacks[0])
        // Following the remembered first stack, halfway.
        var following = FrameCollector(interner: interner)
        collect(Array(lines[0].prefix(lines[0].count / 2)), into: &following)
        var other = FrameCollector(interner: interner)
        collect(lines[1], into: &other)
        #expect(other.take() == stacks[1])
        collect(Array(lines[0].dropFirst(lines[0].count / 2)), into: &following)
        #expect(following.take() == stacks[0])
    }

    /// The frame lines of each stack of a fixture's race reports, as the report parser hands them on.
    private func stackLines(in name: String) throws -> [[String]] {
        var stacks: [[String]] = []
        var current: [String]?
        for line in try Fixtures.text(name).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Write at") || line.hasPrefix("Read at") || line.hasPrefix("Previous ") || line.hasPrefix("Goroutine ") {
                if let current, !current.isEmpty { stacks.append(current) }
                current = []
            } else if line.hasPrefix(" "), current != nil {
                current!.append(line.trimmingCharacters(in: .whitespaces))
            } else if let finished = current {
                if !finished.isEmpty { stacks.append(finished) }
                current = nil
            }
        }
        if let current, !current.isEmpty { stacks.append(current) }
        return stacks
    }

    @Test func repeatedStacksShareOneFrameArray() throws {
        let bytes = try #require(try variants(of: "race-two-races.log").first).1
        let interner = ByteInterner()
        let first = bytes.withUnsafeBytes { LogParser(runID: 0, interner: interner).parse($0) }
        let second = bytes.withUnsafeBytes { LogParser(runID: 1, interner: interner).parse($0) }
        let firstStack = try #require(first.races.first?.report.accesses.first?.frames)
        let secondStack = try #require(second.races.first?.report.accesses.first?.frames)
        #expect(!firstStack.isEmpty && firstStack == secondStack)
        #expect(firstStack.withUnsafeBufferPointer { $0.baseAddress } == secondStack.withUnsafeBufferPointer { $0.baseAddress })
    }
}
