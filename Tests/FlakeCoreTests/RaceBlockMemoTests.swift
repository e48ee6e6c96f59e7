import Foundation
import Testing

@testable import FlakeCore

/// Race reports a worker remembers whole (`RaceBlockMemo`) and steps over when they come again
/// change nothing a log parses to: the reports, their numbers and every line number after them
/// are what reading line by line gives. Reports whose lines a CI system changed, that other
/// output runs through, or that a log cuts short are read line by line every time.
@Suite struct RaceBlockMemoTests {
    static let fixtures = [
        "race-two-races.log", "race-heap.log", "race-global.log", "race-atomic.log", "race-main-goroutine.log",
        "race-goroutine-finished.log", "race-outside-test.log", "ginkgo-dots-nocolor.log",
        // Ginkgo's colours are on its own lines, not on the detector's: its reports are remembered too.
        "ginkgo-dots-color.log",
    ]

    private func parsed(_ bytes: [UInt8], interner: ByteInterner?) throws -> Data {
        try Fixtures.encodedParse(bytes, interner: interner)
    }

    /// The numbers that differ from run to run in a report's header lines (goroutine ids,
    /// addresses, sizes), each replaced by another of a different length, as another run of the
    /// same test prints them.
    static func renumbered(_ text: String) -> String {
        var inReport = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line == "WARNING: DATA RACE" { inReport = true } else if line.hasSuffix("==================") { inReport = false }
            guard inReport, let first = line.first, first != " ", first != "\t" else { return String(line) }
            var out = ""
            var index = line.startIndex
            while index < line.endIndex {
                if line[index...].hasPrefix("0x") {
                    let digits = line[line.index(index, offsetBy: 2)...].prefix { $0.isHexDigit }
                    out += "0x" + String(UInt64(digits, radix: 16).map { $0 * 3 + 0x1000 } ?? 0, radix: 16)
                    index = digits.endIndex
                } else if line[index].isNumber {
                    let digits = line[index...].prefix { $0.isNumber }
                    out += String((Int(digits) ?? 0) * 11 + 100)
                    index = digits.endIndex
                } else {
                    out.append(line[index])
                    index = line.index(after: index)
                }
            }
            return out
        }.joined(separator: "\n")
    }

    @Test func reportsFoundAgainAreTheReportsReadLineByLine() throws {
        for name in Self.fixtures {
            let text = try Fixtures.text(name)
            let other = Self.renumbered(text)
            #expect(other != text, "\(name)")
            let interner = ByteInterner()
            let first = try parsed(Array(text.utf8), interner: interner)
            #expect(interner.races.hits == 0)
            #expect(first == (try parsed(Array(text.utf8), interner: nil)), "\(name)")
            // The same reports with other numbers, then the file itself again: both found whole.
            #expect(try parsed(Array(other.utf8), interner: interner) == (try parsed(Array(other.utf8), interner: nil)), "\(name)")
            let reports = text.components(separatedBy: "WARNING: DATA RACE").count - 1
            #expect(interner.races.hits == reports, "\(name)")
            #expect(try parsed(Array(text.utf8), interner: interner) == first, "\(name)")
            #expect(interner.races.hits == 2 * reports, "\(name)")
        }
    }

    /// Lines from CI (CRLF endings, GitHub Actions timestamps) are changed before parsing: their
    /// reports are not remembered, and parse as they do without a memo.
    @Test(arguments: ["ci-crlf.log", "ci-gha-timestamps.log"])
    func reportsOfChangedLinesAreReadLineByLine(name: String) throws {
        let bytes = Array(try Fixtures.text(name).utf8)
        let expected = try parsed(bytes, interner: nil)
        let interner = ByteInterner()
        #expect(try parsed(bytes, interner: interner) == expected)
        #expect(try parsed(bytes, interner: interner) == expected)
        #expect(interner.races.hits == 0)
    }

    /// A line of test output inside a report (another goroutine printing), and a log that ends
    /// inside a report: neither report is remembered.
    @Test func reportsWithOtherOutputOrCutShortAreNotRemembered() throws {
        let lines = try Fixtures.text("race-two-races.log").split(separator: "\n", omittingEmptySubsequences: false)
        let frame = try #require(lines.firstIndex { $0.hasPrefix("  ") })
        var interleaved = lines
        interleaved.insert("    testing.go:1319: race detected during execution of test", at: frame + 2)
        let cut = try #require(lines.indices.first { $0 > frame && lines[$0].hasSuffix("==================") })
        let cutShort = try Fixtures.text("ci-truncated-race.log")
        for text in [interleaved.joined(separator: "\n"), lines[..<cut].joined(separator: "\n"), cutShort] {
            let bytes = Array(text.utf8)
            let interner = ByteInterner(races: RaceBlockMemo())
            let expected = try parsed(bytes, interner: nil)
            #expect(try parsed(bytes, interner: interner) == expected)
            // The other report of the file (if whole) is found; the one in question never is.
            let hitsBefore = interner.races.hits
            #expect(try parsed(bytes, interner: interner) == expected)
            let whole = text.components(separatedBy: "WARNING: DATA RACE").count - 2
            #expect(interner.races.hits - hitsBefore <= max(0, whole))
        }
    }

    /// With lines that are not valid UTF-8 after a report that is stepped over, the file's
    /// quality check still names the right line.
    @Test func stepsOverReportsKeepTheQualityCheckOnTheRightLine() throws {
        var bytes = Array(try Fixtures.text("race-two-races.log").utf8)
        bytes += [0x0A, 0x62, 0x61, 0x64, 0xFF, 0xFE, 0x0A]
        let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        func quality(_ interner: ByteInterner?) -> TextQuality {
            bytes.withUnsafeBytes { raw in
                var lines = QualityCheckedLines(BufferLines(raw))
                _ = LogParser(runID: 0, interner: interner).parse(&lines)
                return lines.quality
            }
        }
        let interner = ByteInterner()
        _ = quality(interner)
        let again = quality(interner)
        #expect(interner.races.hits == 2)
        #expect(again == quality(nil))
        #expect(again.firstInvalidUTF8Line == lineCount - 1)
    }

    /// Remembering nothing (`limit` 0) and forgetting at every report (by count or by bytes)
    /// leave the parse as it is.
    /// A report found again takes its stacks' digest from the block it matched (`RaceStacksSlot`):
    /// it contributes what the same report read line by line does, and a digest with other
    /// signature options works its stacks out again instead of taking the slot's.
    @Test func reportsFoundAgainContributeWhatReportsReadLineByLineDo() throws {
        func log(_ text: String, _ interner: ByteInterner?) -> ParsedLog {
            Array(text.utf8).withUnsafeBytes { LogParser(runID: 0, interner: interner).parse($0) }
        }
        for name in Self.fixtures {
            let text = try Fixtures.text(name)
            let interner = ByteInterner()
            _ = log(text, interner)
            let other = Self.renumbered(text)
            let foundAgain = log(other, interner)
            #expect(!foundAgain.races.isEmpty && foundAgain.races.allSatisfy { $0.parsedReport.stacksSlot != nil }, "\(name)")
            let readLineByLine = log(other, nil)
            let deeper = SignatureOptions(depth: 3, keepLineNumbers: true)
            for (options, memo) in [(SignatureOptions(), RaceStackMemo()), (deeper, nil), (SignatureOptions(), nil)] {
                let digest = RunDigest(log: foundAgain, options: options, memo: memo).races
                let expected = RunDigest(log: readLineByLine, options: options).races
                #expect(digest.map(\.signature.string) == expected.map(\.signature.string), "\(name)")
                #expect(digest.map(\.sides) == expected.map(\.sides), "\(name)")
                #expect(digest.map(\.tests) == expected.map(\.tests), "\(name)")
                #expect(digest.map(\.report) == expected.map(\.report), "\(name)")
                #expect(digest.map(\.ambiguous) == expected.map(\.ambiguous), "\(name)")
            }
        }
    }

    @Test(arguments: [(0, 8 << 20), (1, 8 << 20), (2048, 1)])
    func aSmallMemoChangesNothing(limit: Int, byteLimit: Int) throws {
        let interner = ByteInterner(races: RaceBlockMemo(limit: limit, byteLimit: byteLimit))
        for name in Self.fixtures + Self.fixtures.reversed() {
            let bytes = Array(try Fixtures.text(name).utf8)
            #expect(try parsed(bytes, interner: interner) == (try parsed(bytes, interner: nil)), "\(name)")
        }
        if limit == 0 { #expect(interner.races.hits == 0) }
    }
}
