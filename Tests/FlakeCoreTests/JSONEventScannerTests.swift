import Foundation
import Testing

@testable import FlakeCore

/// test2json names arrive escaped or not, and the scanner remembers the last of each: a name
/// read raw, one that needed unescaping, and the same name written both ways all decode alike.
@Suite struct JSONEventScannerTests {
    private func names(_ lines: [String]) -> [(package: String, test: String)] {
        var scanner = JSONEventScanner()
        scanner.interner = ByteInterner()
        return lines.map { text in
            let scanned = Array(text.utf8).withUnsafeBufferPointer { buffer in
                scanner.scan(ByteLine(base: buffer.baseAddress!, count: buffer.count))
            }
            #expect(scanned)
            return (scanner.event.package.string, scanner.event.test.string)
        }
    }

    private func line(_ package: String, _ test: String) -> String {
        #"{"Time":"2026-11-25T10:00:00Z","Action":"run","Package":"\#(package)","Test":"\#(test)"}"#
    }

    @Test func escapedAndRawNamesDecodeAlike() {
        let read = names([
            line("example.com/m/pkg", "TestAb"),
            line("example.com/m/pkg", #"Test\u0041b"#),
            line("example.com/m/pkg", #"Test\u0041b"#),
            line(#"example.com\/m\/pkg"#, "TestAb"),
            line("example.com/m/pkg", #"TestQuote\"d"#),
            line("example.com/m/pkg", "TestAb"),
        ])
        #expect(read.map(\.package) == Array(repeating: "example.com/m/pkg", count: 6))
        #expect(read.map(\.test) == ["TestAb", "TestAb", "TestAb", "TestAb", #"TestQuote"d"#, "TestAb"])
    }

    @Test func fieldsInAnotherOrderAreRead() {
        let read = names([#"{"Action":"pass","Test":"TestZ","Package":"p\u00e9"}"#, line("p", "TestZ")])
        #expect(read[0].package == "pé" && read[0].test == "TestZ")
        #expect(read[1].package == "p" && read[1].test == "TestZ")
    }

    /// A repeated name is recognised by its bytes and leaves the event as it was: names that
    /// start like the last one, are longer or shorter, or come after a line without a test, a
    /// line in another order or an escaped name, must still be read as they are.
    @Test func namesThatOnlyLookRepeatedAreRead() {
        let noTest = #"{"Time":"2026-11-25T10:00:00Z","Action":"pass","Package":"p","Elapsed":0.1}"#
        let read = names([
            line("p", "TestA"),
            line("p", "TestA"),
            line("p", "TestAB"),
            line("p", "TestA"),
            line("p", "Test"),
            line("pq", "Test"),
            line("p", "Test"),
            noTest,
            line("p", "Test"),
            #"{"Action":"run","Test":"TestB","Package":"q"}"#,
            line("q", "TestB"),
            line("q", #"TestB"#),
            line("q", #"TestB"#),
            line("q", "TestB"),
            line("q", ""),
            line("q", "TestB"),
        ])
        #expect(read.map(\.package) == ["p", "p", "p", "p", "p", "pq", "p", "p", "p", "q", "q", "q", "q", "q", "q", "q"])
        #expect(
            read.map(\.test) == [
                "TestA", "TestA", "TestAB", "TestA", "Test", "Test", "Test", "", "Test", "TestB", "TestB", "TestB", "TestB",
                "TestB", "", "TestB",
            ])
    }
}

/// The actions test2json writes are told by their first bytes; every action, and values that only
/// start like one, read as the general scan reads them.
@Suite struct JSONEventActionTests {
    private func read(_ value: String) -> (fast: JSONEventScanner.Action?, scanned: JSONEventScanner.Action?) {
        let text = #"{"Time":"2026-11-25T10:00:00.123456789Z","Action":"\#(value)","Package":"p"}"#
        return Array(text.utf8).withUnsafeBufferPointer { buffer in
            let line = ByteLine(base: buffer.baseAddress!, count: buffer.count)
            let start = 51  // just after the Action value's opening quote
            let fast = JSONEventScanner.Action.known(in: line, at: start)
            if let fast { #expect(fast.end == start + value.utf8.count + 1 && line[fast.end - 1] == 0x22, "\(value)") }
            var scanner = JSONEventScanner()
            return (fast?.action, scanner.scan(line) ? scanner.event.action : nil)
        }
    }

    @Test func everyActionReadsAsTheGeneralScanReadsIt() {
        let expected: [String: JSONEventScanner.Action] = [
            "start": .start, "run": .run, "pause": .pause, "cont": .cont, "pass": .pass, "fail": .fail, "skip": .skip,
            "bench": .bench, "output": .output, "build-output": .buildOutput, "build-fail": .buildFail,
            "outputs": .other, "ru": .other, "passed": .other, "o": .other, "": .other, "Run": .other, "starts": .other,
        ]
        for (value, action) in expected {
            let actions = read(value)
            #expect(actions.scanned == action, "\(value)")
            #expect(actions.fast == nil || actions.fast == action, "\(value)")
        }
        // The actions of a test's life are read without the general path.
        for value in ["start", "run", "pause", "cont", "pass", "fail", "skip", "output"] { #expect(read(value).fast != nil, "\(value)") }
    }

    /// The scanner looks for the end of a line's time where the last line's ended: times that are
    /// longer, shorter or the same width, and one holding an escaped quote and `,\"Action\"`,
    /// all end where they do.
    @Test func timesOfAnyWidthEndWhereTheyDo() {
        let times = [
            "2026-11-25T10:00:00.123456789Z", "2026-11-25T10:00:00.12345678Z", "2026-11-25T10:00:00.12345678Z",
            "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123456789+01:00", #"x\",\"Action\":\"pass"#, "2026-11-25T10:00:00Z", "",
            "2026-11-25T10:00:01.5Z",
        ]
        let actions: [(String, JSONEventScanner.Action)] = [
            ("run", .run), ("output", .output), ("pass", .pass), ("fail", .fail), ("skip", .skip), ("cont", .cont),
            ("pause", .pause), ("output", .output), ("run", .run),
        ]
        var scanner = JSONEventScanner()
        for (index, time) in times.enumerated() {
            let text = #"{"Time":"\#(time)","Action":"\#(actions[index].0)","Package":"p\#(index)","Test":"T"}"#
            let scanned = Array(text.utf8).withUnsafeBufferPointer { buffer in
                scanner.scan(ByteLine(base: buffer.baseAddress!, count: buffer.count))
            }
            #expect(scanned, "\(time)")
            #expect(scanner.event.action == actions[index].1, "\(time)")
            #expect(scanner.event.package.string == "p\(index)", "\(time)")
        }
    }
}

/// A test's framing lines (`=== RUN`, `=== CONT`, `--- PASS:`) are flagged and left undecoded;
/// every other output is decoded as before. Checked over every event of the real test2json
/// fixtures and SampleLogs runs against a plain reading of the decoded text.
@Suite struct JSONFramingLineTests {
    private static func framesOwnTest(_ output: String, test: String) -> Bool {
        guard !test.isEmpty else { return false }
        if output == "=== RUN   \(test)\n" || output == "=== CONT  \(test)\n" { return true }
        let unindented = output.drop { $0 == " " }
        guard unindented.hasPrefix("--- PASS: \(test) ("), unindented.hasSuffix("s)\n") else { return false }
        let duration = unindented.dropFirst("--- PASS: \(test) (".count).dropLast(3)
        return !duration.isEmpty && duration.allSatisfy { $0.isNumber || $0 == "." }
    }

    private static var logs: [String] {
        let fixtures = ["multi-package.json", "panic.json", "race-two-races.json", "subtests-parallel.json", "timeout.json"]
            .map(Fixtures.path)
        let samples = ["amd64", "arm64", "s390x"].flatMap { arch in
            (1...50).map { Fixtures.repositoryRoot.appendingPathComponent("SampleLogs/\(arch)/run-\(String(format: "%02d", $0)).json").path }
        }
        return fixtures + samples.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test func framingLinesAreFlaggedAndDecodeAsBefore() throws {
        var flagged = 0, outputs = 0
        for path in Self.logs {
            var scanner = JSONEventScanner()
            scanner.interner = ByteInterner()
            for text in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
                try Array(text.utf8).withUnsafeBufferPointer { buffer in
                    let line = ByteLine(base: buffer.baseAddress!, count: buffer.count)
                    let scanned = scanner.scan(line)
                    try #require(scanned)
                    guard scanner.event.action == .output, scanner.event.hasOutput else { return }
                    outputs += 1
                    let wasFlagged = scanner.event.outputFramesTest
                    #expect(wasFlagged ? scanner.output.bytes.count == 0 : true)
                    scanner.decodeOutput(of: line)
                    let output = scanner.output.bytes.string
                    #expect(wasFlagged == Self.framesOwnTest(output, test: scanner.event.test.string), "\(path): \(text)")
                    if wasFlagged { flagged += 1 }
                }
            }
        }
        // A third or so of a verbose run's output events frame its tests.
        #expect(flagged > outputs / 5)
    }

    /// The stream steps over a framing line only where feeding it would change nothing but the
    /// line's own state: not while a race report (or a panic) is being read.
    @Test func framingIsNotSteppedOverInsideAReport() throws {
        let lines = try Fixtures.text("race-two-races.log").split(separator: "\n", omittingEmptySubsequences: false)
        let warning = try #require(lines.firstIndex(of: "WARNING: DATA RACE"))
        let separator = try #require(lines[(warning + 1)...].firstIndex { $0.hasPrefix("==================") })
        var stream = GoTestStream(knownPackage: "example.com/shapes/tworaces", resultsFromLines: false, runID: 0)
        var log = ParsedLog()
        stream.currentTest = "TestCacheRace"
        let beforeReport = stream.stepOverFramingOfCurrentTest()
        #expect(beforeReport)
        for (number, text) in lines[warning...(warning + 3)].enumerated() {
            Array(text.utf8).withUnsafeBufferPointer { stream.feed(ByteLine(base: $0.baseAddress!, count: $0.count), lineNumber: number, into: &log) }
        }
        let insideReport = stream.stepOverFramingOfCurrentTest()
        #expect(!insideReport)
        for (number, text) in lines[(warning + 4)...separator].enumerated() {
            Array(text.utf8).withUnsafeBufferPointer { stream.feed(ByteLine(base: $0.baseAddress!, count: $0.count), lineNumber: number, into: &log) }
        }
        let afterReport = stream.stepOverFramingOfCurrentTest()
        #expect(afterReport)
        #expect(log.races.count == 1)
    }
}
