import CByteScan
import Foundation
import Testing
@testable import FlakeCore

/// A log read in chunks (as from a decompressor) parses exactly as the whole mapped file.
@Suite struct LineSourceTests {
    struct Summary: Equatable {
        let tests: [String]
        let packages: [String]
        let races: [String]
        let panics: [String]
        let specs: [String]
        let format: LogFormat
    }

    static func summary(_ log: ParsedLog) -> Summary {
        Summary(
            tests: log.tests.map { "\($0.package) \($0.name) \($0.outcome) \($0.line) \($0.messages)" },
            packages: log.packages.map { "\($0.name) \($0.outcome) \($0.line)" },
            races: log.races.map { "\($0.report.occurrence.line)-\($0.report.endLine) \($0.report.accesses.flatMap(\.frames).count) \($0.detectedIn)" },
            panics: log.panics.map { "\($0.message) \($0.line) \($0.frames.count)" },
            specs: log.specFailures.map { "\($0.spec) \($0.message)" },
            format: log.format)
    }

    /// Hands out `data` in chunks of `size` through one reused buffer, as a decompressor does.
    final class Chunker {
        let data: [UInt8]
        let size: Int
        let buffer: UnsafeMutableRawBufferPointer
        var offset = 0

        init(_ data: [UInt8], size: Int) {
            self.data = data
            self.size = size
            buffer = .allocate(byteCount: size, alignment: 1)
        }

        deinit { buffer.deallocate() }

        func next() -> UnsafeRawBufferPointer? {
            guard offset < data.count else { return nil }
            let count = min(size, data.count - offset)
            data.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
            offset += count
            return UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        }
    }

    static func chunked(_ data: [UInt8], size: Int) -> ChunkedLines {
        let chunker = Chunker(data, size: size)
        return ChunkedLines { chunker.next() }
    }

    @Test(arguments: ["race-two-races.log", "race-two-races.json", "ginkgo-dots-color.log", "timeout.json", "ci-crlf.log"])
    func chunksParseLikeTheWholeFile(fixture: String) throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path(fixture))))
        let whole = try Self.summary(Fixtures.parse(fixture))
        for size in [1, 7, 100, 4096, 1 << 20] {
            var lines = Self.chunked(data, size: size)
            let parsed = LogParser(runID: 0).parse(&lines)
            #expect(Self.summary(parsed) == whole, "chunks of \(size) bytes")
        }
    }
}

/// The word-at-a-time search the test2json scanner copies string runs with: every position,
/// inside and across eight-byte words, near bytes that differ from the sought ones by one bit.
@Suite struct QuoteSearchTests {
    @Test func findsTheFirstQuoteOrBackslashWherever() {
        for length in 0..<40 {
            for position in 0..<length {
                for sought: UInt8 in [0x22, 0x5C] {
                    // 0xA2 and 0xDC are the sought bytes with the high bit set; 0x23 is one away.
                    var bytes = (0..<length).map { [0x61, 0xA2, 0xDC, 0x23, 0x00][$0 % 5] as UInt8 }
                    bytes[position] = sought
                    if position + 3 < length { bytes[position + 3] = 0x22 }
                    bytes.withUnsafeBufferPointer { buffer in
                        let line = ByteLine(base: buffer.baseAddress!, count: buffer.count)
                        #expect(line.firstQuoteOrBackslash(from: 0) == position)
                        #expect(line.firstQuoteOrBackslash(from: position + 1) == (position + 3 < length ? position + 3 : nil))
                    }
                }
            }
        }
    }
}

@Suite struct TextQualityScanTests {
    @Test func findsANulAndAHighByteWherever() {
        for length in 0..<40 {
            let clean = (0..<length).map { [0x61, 0x7F, 0x01, 0x20][$0 % 4] as UInt8 }
            clean.withUnsafeBufferPointer { buffer in
                let scan = TextQuality.scan(ByteLine(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: length))
                #expect(scan.nul == false && scan.high == false)
            }
            for position in 0..<length {
                for (byte, nul, high): (UInt8, Bool, Bool) in [(0x00, true, false), (0x80, false, true), (0xFF, false, true)] {
                    var bytes = clean
                    bytes[position] = byte
                    bytes.withUnsafeBufferPointer { buffer in
                        let scan = TextQuality.scan(ByteLine(base: buffer.baseAddress!, count: length))
                        #expect(scan.nul == nul && scan.high == high, "byte \(byte) at \(position) of \(length)")
                    }
                }
            }
        }
    }

    /// The line scanner finds each line's end and says whether the line is plain: a NUL, an ESC
    /// or a high byte anywhere before the newline (in or across its 16-byte steps, or in the tail
    /// it reads a byte at a time) makes it not plain; bytes after the newline do not count.
    @Test func lineEndsSayWhetherTheLineIsPlain() {
        for length in [0, 1, 7, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 100] {
            for after in [0, 1, 5, 16, 40] {
                // A line of `length` clean bytes, a newline, then `after` bytes that are not plain.
                let line = (0..<length).map { [0x61, 0x7F, 0x01, 0x09][$0 % 4] as UInt8 }
                let rest: [UInt8] = after == 0 ? [] : [0x0A] + Array(repeating: 0xFF, count: after - 1)
                func scan(_ bytes: [UInt8]) -> (end: Int, plain: Bool) {
                    var plain = false
                    let end = bytes.withUnsafeBufferPointer { flaketui_line_end($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count, &plain) }
                    return (end, plain)
                }
                let clean = scan(line + rest)
                #expect(clean.end == length && clean.plain, "\(length) + \(after)")
                for position in 0..<length {
                    for byte: UInt8 in [0x00, 0x1B, 0x80, 0xC3, 0xFF] {
                        var bytes = line
                        bytes[position] = byte
                        let found = scan(bytes + rest)
                        #expect(found.end == length && !found.plain, "byte \(byte) at \(position) of \(length) + \(after)")
                    }
                }
            }
        }
    }

    /// Checked as the mapped file's lines are found or line by line, a file's quality is the same.
    @Test(arguments: ["race-two-races.log", "ginkgo-dots-color.log", "ci-crlf.log"])
    func qualityIsTheSameWhetherTheScannerOrTheInspectionChecksLines(fixture: String) throws {
        var bytes = Array(try Fixtures.text(fixture).utf8)
        bytes.insert(0x00, at: bytes.count / 2)
        for text in [Array(try Fixtures.text(fixture).utf8), bytes] {
            text.withUnsafeBytes { raw in
                var whole = QualityCheckedLines(BufferLines(raw))
                // Chunks are scanned by `memchr`: each line is inspected.
                var handedOut = false
                var lineByLine = QualityCheckedLines(ChunkedLines { () -> UnsafeRawBufferPointer? in
                    defer { handedOut = true }
                    return handedOut ? nil : raw
                })
                // The mapped file's scanner says of every line whether it is plain; chunks never do.
                var wholeLines = 0, lineByLineLines = 0, wholeUnchecked = 0, lineByLineChecked = 0
                whole.forEachLine(checkingPlain: { _, _, plain in
                    wholeLines += 1
                    if plain == nil { wholeUnchecked += 1 }
                    return .none
                })
                lineByLine.forEachLine(checkingPlain: { _, _, plain in
                    lineByLineLines += 1
                    if plain != nil { lineByLineChecked += 1 }
                    return .none
                })
                #expect(wholeUnchecked == 0 && lineByLineChecked == 0)
                #expect(wholeLines == lineByLineLines)
                #expect(whole.quality == lineByLine.quality)
            }
        }
    }
}
