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

    /// Two stacks that start alike and part later (both writes of the first race go through
    /// `mapassign_faststr` and `put`), with room for one stack per first line: each is found
    /// again by the lines up to where it left the other.
    @Test func stacksThatPartAreFoundWhereTheyPart() throws {
        let lines = try stackLines(in: "race-two-races.log")
        let (first, second) = (lines[0], lines[1])
        #expect(first.first == second.first && first != second)
        let expected = try Fixtures.parse("race-two-races.log").races[0].report.accesses.map(\.frames)
        let interner = ByteInterner(stacks: StackMemo(limit: 4096, perFirstLine: 1))
        func collect(_ stack: [String]) -> [Frame] {
            var collector = FrameCollector(interner: interner)
            for line in stack { _ = Array(line.utf8).withUnsafeBufferPointer { collector.feed(ByteLine(base: $0.baseAddress!, count: $0.count)) } }
            return collector.take()
        }
        func address(_ frames: [Frame]) -> UnsafePointer<Frame>? { frames.withUnsafeBufferPointer { $0.baseAddress } }
        let firstRead = collect(first), secondRead = collect(second)
        // The first line's bucket now holds the second stack only; the first is read again.
        let firstAgain = collect(first)
        // Followed along the first stack, the second parts from it and is found by where it does.
        let secondAgain = collect(second)
        #expect([firstRead, firstAgain] == [expected[0], expected[0]] && [secondRead, secondAgain] == [expected[1], expected[1]])
        #expect(address(secondAgain) == address(secondRead))
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

    /// Panics of two real runs print other pointers as their frames' arguments: the second
    /// run's panic stack is still found in the memo (one frame array for both), and each run
    /// parses as it does with no memo.
    @Test func panicStacksRepeatWhateverTheirArguments() throws {
        let runs = ["amd64/run-15.log", "amd64/run-25.log", "amd64/run-29.log"].map {
            Fixtures.repositoryRoot.appendingPathComponent("SampleLogs/\($0)").path
        }
        let texts = try runs.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let firstLines = texts.map { $0.split(separator: "\n").first { $0.contains("addEndpoint(0x") }.map(String.init) }
        #expect(Set(firstLines.compactMap { $0 }).count == runs.count, "the runs' panics print other arguments")
        let interner = ByteInterner(races: RaceBlockMemo(limit: 0))
        var stacks: [[Frame]] = []
        for text in texts {
            let bytes = Array(text.utf8)
            let log = bytes.withUnsafeBytes { LogParser(runID: 0, interner: interner).parse($0) }
            #expect(try parsed(bytes, interner: interner) == parsed(bytes, interner: nil))
            stacks.append(try #require(log.panics.first?.frames))
        }
        #expect(stacks.allSatisfy { $0 == stacks[0] } && stacks[0].count > 4)
        let addresses = stacks.map { $0.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(addresses.dropFirst().allSatisfy { $0 == addresses[0] })
    }

    /// Lines with one key are the same frame line; the key leaves out arguments and the
    /// goroutine Go ≥1.21 names after `created by`.
    @Test func frameLineKeys() {
        func key(_ text: String) -> String {
            var text = text
            return text.withUTF8 { bytes in
                var out: [UInt8] = []
                StackLineKey(trimmed: ByteLine(base: bytes.baseAddress!, count: bytes.count)).append(to: &out)
                return String(decoding: out, as: UTF8.self)
            }
        }
        #expect(key("example.com/m.initHandler()") == "example.com/m.initHandler()")
        #expect(key("example.com/m.(*pluginRegistry).addEndpoint(0xc000020240, {0x5db0e0, 0x3}, {0xc00001e0f0, 0x2a})")
            == "example.com/m.(*pluginRegistry).addEndpoint()")
        #expect(key("panic({0x1948c0, 0x2dc390})") == "panic()")
        #expect(key("created by testing.(*T).Run in goroutine 21") == "created by testing.(*T).Run")
        #expect(key("created by testing.(*T).Run") == "created by testing.(*T).Run")
        #expect(key("/usr/lib/go-1.19/src/testing/testing.go:1446 +0x18c") == "/usr/lib/go-1.19/src/testing/testing.go:1446 +0x18c")
        // A key is its own key: a stack the memo replays parses as the lines it came from.
        for line in ["pkg.F(0x1, {0x2, 0x3})", "created by pkg.G in goroutine 4", "pkg.H()"] { #expect(key(key(line)) == key(line)) }
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
