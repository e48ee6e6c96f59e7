#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Race reports a worker has read whole, kept as their bytes: a folder of logs prints the same
/// report again and again (every run of a lane), and the copies differ only in the numbers of
/// their header lines (addresses, goroutine ids). A report that repeats a remembered one byte for
/// byte outside those numbers is compared instead of read line by line: its header lines are
/// parsed again for their numbers, and its stacks are the remembered ones. Its lines are then
/// stepped over, which is most of the lines of a log with races.
///
/// Only a report whose lines the parser took unchanged is remembered: plain ASCII with no CR and
/// no colour (so that no line of it was rewritten before parsing), every line taken by the race
/// parser, closed by its separator. One per worker thread, with the worker's `ByteInterner`
/// (the reports hold its names); emptied past `limit`.
final class RaceBlockMemo {
    /// One remembered report. Never changed once made.
    final class Block {
        /// The lines after `WARNING: DATA RACE`, through the closing separator and its newline.
        let bytes: [UInt8]
        /// The numbers in header lines, where the copies of a report differ, in order.
        let numbers: [NumberSpan]
        let headerLines: [HeaderLine]
        let lineCount: Int
        /// The report's `endLine`, counted from the `WARNING` line.
        let endLineAfterWarning: Int
        let report: RaceReport

        /// A run of digits in a header line: hex after `0x` (an address), else decimal after a
        /// byte that is not a letter or digit (a goroutine id, a size, a line number).
        struct NumberSpan {
            let start: Int
            let end: Int
            let hex: Bool
        }

        /// A line neither indented nor empty, where it starts and ends in `bytes`, and how many
        /// numbers come before its start and before its end.
        struct HeaderLine {
            let start: Int
            let end: Int
            let numbersBefore: Int
            let numbersBeforeEnd: Int
        }

        init(bytes: [UInt8], lineCount: Int, endLineAfterWarning: Int, report: RaceReport) {
            self.bytes = bytes
            self.lineCount = lineCount
            self.endLineAfterWarning = endLineAfterWarning
            self.report = report
            (numbers, headerLines) = bytes.withUnsafeBufferPointer { Self.headerNumbers(in: $0) }
        }

        private static func headerNumbers(in bytes: UnsafeBufferPointer<UInt8>) -> ([NumberSpan], [HeaderLine]) {
            var numbers: [NumberSpan] = [], lines: [HeaderLine] = []
            let base = bytes.baseAddress!
            var start = 0
            while start < bytes.count {
                let newline = memchr(base + start, 0x0A, bytes.count - start)
                let end = newline.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                if end > start, bytes[start] != 0x20, bytes[start] != 0x09 {
                    let before = numbers.count
                    var i = start
                    while i < end {
                        if bytes[i] == 0x30, i + 2 < end, bytes[i + 1] == 0x78, isNumberDigit(bytes[i + 2], hex: true) {
                            var j = i + 2
                            while j < end, isNumberDigit(bytes[j], hex: true) { j += 1 }
                            numbers.append(NumberSpan(start: i + 2, end: j, hex: true))
                            i = j
                        } else if bytes[i].isASCIIDigit, i == start || !isLetterOrDigit(bytes[i - 1]) {
                            var j = i
                            while j < end, bytes[j].isASCIIDigit { j += 1 }
                            numbers.append(NumberSpan(start: i, end: j, hex: false))
                            i = j
                        } else {
                            i += 1
                        }
                    }
                    lines.append(HeaderLine(start: start, end: end, numbersBefore: before, numbersBeforeEnd: numbers.count))
                }
                start = end + 1
            }
            return (numbers, lines)
        }

        /// Go prints addresses in lower case.
        @inline(__always) static func isNumberDigit(_ byte: UInt8, hex: Bool) -> Bool {
            byte &- 0x30 < 10 || (hex && byte &- 0x61 < 6)
        }

        private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
            byte.isASCIIDigit || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }

        /// How many bytes of `text` repeat this report, numbers aside, or nil. `shifts[i]`: how
        /// far `text` is ahead of `bytes` after number `i`.
        func match(_ text: ByteLine, shifts: inout [Int]) -> Int? {
            shifts.removeAll(keepingCapacity: true)
            return bytes.withUnsafeBufferPointer { template -> Int? in
                let base = template.baseAddress!
                var t = 0, a = 0
                for number in numbers {
                    let literal = number.start - t
                    guard a + literal <= text.count, memcmp(base + t, text.base + a, literal) == 0 else { return nil }
                    a += literal
                    var end = a
                    while end < text.count, Self.isNumberDigit(text.base[end], hex: number.hex) { end += 1 }
                    guard end > a else { return nil }
                    a = end
                    t = number.end
                    shifts.append(a - t)
                }
                let rest = template.count - t
                guard a + rest <= text.count, memcmp(base + t, text.base + a, rest) == 0 else { return nil }
                return a + rest
            }
        }

        /// Header line `index` as it reads in `text`, after `match` gave `shifts`.
        func headerLine(_ index: Int, in text: ByteLine, shifts: [Int]) -> ByteLine {
            let line = headerLines[index]
            let start = line.start + (line.numbersBefore == 0 ? 0 : shifts[line.numbersBefore - 1])
            let end = line.end + (line.numbersBeforeEnd == 0 ? 0 : shifts[line.numbersBeforeEnd - 1])
            return ByteLine(base: text.base + start, count: end - start)
        }
    }

    /// A remembered report found again.
    struct Hit {
        let report: RaceReport
        let bytes: Int
        let lines: Int
    }

    /// Reports kept in all (0: none), and per key (the oldest goes first); their bytes in all.
    let limit: Int, perKey: Int, byteLimit: Int
    /// Reports found again, for tests and profiles.
    private(set) var hits = 0
    private var count = 0, bytesHeld = 0
    /// Blocks by their first section's stack (the header line before it holds numbers).
    private var byKey: [UInt64: [Block]] = [:]
    /// `Block.match`'s shifts, reused from report to report.
    private var shifts: [Int] = []

    /// A lane's few hundred distinct reports take a few megabytes.
    init(limit: Int = 2048, perKey: Int = 16, byteLimit: Int = 8 << 20) {
        self.limit = limit
        self.perKey = perKey
        self.byteLimit = byteLimit
    }

    /// The report that `following` (the bytes after a `WARNING: DATA RACE` line) repeats, as it
    /// reads there: its numbers, `runID`, `startLine`, and its lines counted from `warningLine`.
    func report(following: ByteLine, runID: Int, startLine: Int, warningLine: Int) -> Hit? {
        guard let key = Self.key(following), let candidates = byKey[key] else { return nil }
        for block in candidates.reversed() {
            guard let length = block.match(following, shifts: &shifts),
                let report = Self.report(block, in: following, shifts: shifts, runID: runID, startLine: startLine, warningLine: warningLine)
            else { continue }
            hits += 1
            return Hit(report: report, bytes: length, lines: block.lineCount)
        }
        return nil
    }

    /// Remembers a report read line by line. `block` is its bytes after the `WARNING` line,
    /// through its closing separator's newline; `lineCount` its lines.
    func remember(block: ByteLine, lineCount: Int, endLineAfterWarning: Int, report: RaceReport) {
        guard limit > 0, block.count <= 1 << 16, Self.isUnchangedByNormalizing(block), let key = Self.key(block) else { return }
        if count >= limit || bytesHeld + block.count > byteLimit {
            byKey.removeAll(keepingCapacity: true)
            count = 0
            bytesHeld = 0
        }
        let bytes = Array(UnsafeBufferPointer(start: block.base, count: block.count))
        var candidates = byKey[key] ?? []
        if candidates.count >= perKey {
            bytesHeld -= candidates.removeFirst().bytes.count
        } else {
            count += 1
        }
        bytesHeld += bytes.count
        candidates.append(Block(bytes: bytes, lineCount: lineCount, endLineAfterWarning: endLineAfterWarning, report: report))
        byKey[key] = candidates
    }

    /// The hash of the lines from the second through the first empty one (at most 32): the
    /// first access's stack, which tells most reports apart.
    private static func key(_ text: ByteLine) -> UInt64? {
        guard let first = text.firstIndex(of: 0x0A) else { return nil }
        var end = first + 1
        for _ in 0..<32 {
            guard let newline = text.firstIndex(of: 0x0A, from: end) else { return nil }
            end = newline + 1
            if end < text.count, text[end] == 0x0A { break }
        }
        return ByteHash.hash(text.base + first + 1, end - first - 1)
    }

    /// No byte that `LineNormalizer` or `TextQuality` acts on: NUL, CR, ESC, or one ≥ 0x80. A
    /// copy that matches has the same bytes outside its digits, so it is unchanged too.
    private static func isUnchangedByNormalizing(_ block: ByteLine) -> Bool {
        TextQuality.isPlainASCII(block) && block.firstIndex(of: 0x0D) == nil && block.firstIndex(of: 0x1B) == nil
    }

    /// The remembered report with the numbers of its header lines in `text`, parsed as the race
    /// parser does.
    private static func report(
        _ block: Block, in text: ByteLine, shifts: [Int], runID: Int, startLine: Int, warningLine: Int
    ) -> RaceReport? {
        let remembered = block.report
        var accesses: [RaceAccess] = [], creations: [GoroutineCreation] = []
        accesses.reserveCapacity(remembered.accesses.count)
        creations.reserveCapacity(remembered.creations.count)
        var location = remembered.location
        for index in block.headerLines.indices {
            let text = block.headerLine(index, in: text, shifts: shifts).trimmed()
            if let section = RaceReportParser.header(text) {
                switch section {
                case let .access(kind, atomic, previous, address, goroutine):
                    guard accesses.count < remembered.accesses.count else { return nil }
                    let old = remembered.accesses[accesses.count]
                    accesses.append(
                        RaceAccess(
                            kind: kind, atomic: atomic, previous: previous, address: address, goroutine: goroutine,
                            frames: old.frames, stackUnavailable: old.stackUnavailable))
                case let .creation(goroutine, state):
                    guard creations.count < remembered.creations.count else { return nil }
                    creations.append(
                        GoroutineCreation(goroutine: goroutine, state: state, frames: remembered.creations[creations.count].frames))
                case let .heap(size, address, goroutine):
                    var frames: [Frame] = []
                    if case let .heap(_, _, _, rememberedFrames) = remembered.location { frames = rememberedFrames }
                    location = .heap(size: size, address: address, goroutine: goroutine, frames: frames)
                case .none:
                    break
                }
            } else if text.hasPrefix("Global var ") {
                location = RaceReportParser.global(text)
            }
        }
        guard accesses.count == remembered.accesses.count, creations.count == remembered.creations.count else { return nil }
        return RaceReport(
            accesses: accesses, creations: creations, location: location, truncated: remembered.truncated,
            tests: remembered.tests, attributionAmbiguous: remembered.attributionAmbiguous,
            occurrence: Occurrence(runID: runID, line: startLine), endLine: warningLine + block.endLineAfterWarning)
    }
}

/// The bytes of a race report being read line by line, kept track of while its lines are the
/// file's own bytes one after another: none rewritten by `LineNormalizer`, none cut short.
struct RaceBlockRecording {
    private let start: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>
    private var next: UnsafePointer<UInt8>
    private var broken = false
    private(set) var lines = 0
    let warningLine: Int

    /// `following`: the bytes after the `WARNING: DATA RACE` line.
    init(following: ByteLine, warningLine: Int) {
        start = following.base
        end = following.base + following.count
        next = start
        self.warningLine = warningLine
    }

    mutating func take(_ line: ByteLine) {
        guard !broken else { return }
        let lineEnd = line.base + line.count
        guard line.base == next, lineEnd < end, lineEnd.pointee == 0x0A else {
            broken = true
            return
        }
        next = lineEnd + 1
        lines += 1
    }

    /// The report's bytes through the newline of the last line taken, unless a line was not the file's own.
    var block: ByteLine? { broken || lines == 0 ? nil : ByteLine(base: start, count: start.distance(to: next)) }
}
