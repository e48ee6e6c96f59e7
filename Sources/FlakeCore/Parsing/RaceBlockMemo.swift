#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Race reports a worker has read whole: a folder of logs prints the same report again and
/// again (every run of a lane), and the copies differ only in the numbers of their header lines
/// (addresses, goroutine ids). A report that repeats a remembered one, numbers aside, is compared
/// instead of read: its header lines' numbers are taken from the match (see `HeaderRole`), and
/// its stacks are the remembered ones. Its lines are then stepped over, which is most of the lines of a log with
/// races.
///
/// A report is kept as numbers: of its stacks (each run of lines between two header lines, with
/// their newlines) in one `LineRunTable`, of its header lines with their numbers marked in
/// another, so that thousands of reports (a lane of hundreds of packages, each with its own
/// copies of the same few races) take the room of their distinct stacks. Only a report whose
/// lines the parser took unchanged is remembered: plain ASCII with no control byte but tabs (so
/// that no line of it was rewritten before parsing, and a header template can mark its numbers),
/// every line taken by the race parser, closed by its separator. One per worker thread, with the
/// worker's `ByteInterner` (the reports hold its names); emptied past `limit` reports or
/// `byteLimit` bytes of stacks and headers.
final class RaceBlockMemo {
    /// One remembered report. Never changed once made.
    final class Block {
        /// Its pieces after the `WARNING` line, through the closing separator's newline: a run of
        /// stack (or empty) lines, by its number in `stacks`, or a header line, by its number in
        /// `headers` with `headerBit` set.
        let pieces: [UInt32]
        let lineCount: Int
        /// The report's `endLine`, counted from the `WARNING` line.
        let endLineAfterWarning: Int
        /// The report, with what its header lines are, as its copies refer to it.
        let remembered: RememberedRaceReport

        init(pieces: [UInt32], lineCount: Int, endLineAfterWarning: Int, remembered: RememberedRaceReport) {
            self.pieces = pieces
            self.lineCount = lineCount
            self.endLineAfterWarning = endLineAfterWarning
            self.remembered = remembered
        }
    }

    /// A header line of a remembered report, by what its numbers (its template's marks, in
    /// order) fill in: a copy's header is then read from the numbers the match found, not
    /// parsed again (that was half the cost of a report found again). Anything else, or a
    /// line whose marks are not the ones expected, is parsed as the race parser does.
    enum HeaderRole {
        /// `[Previous ][atomic ]write at 0x… by goroutine N:`: the address (when printed), then
        /// the goroutine id (unless `main goroutine`).
        case access(address: Bool, goroutineID: Bool)
        /// `Goroutine N (running) created at:`.
        case creation
        /// `Heap block of size N at 0x… allocated by goroutine N:`.
        case heap(goroutineID: Bool)
        /// A line with no number that is no header (the closing separator): printed the same
        /// in every copy, it is in the remembered report already.
        case unchanged
        case parsed
    }

    static let headerBit: UInt32 = 1 << 31
    /// In a header template, a number is this byte and then `d` (decimal) or `x` (hex, after `0x`).
    static let numberMark: UInt8 = 0x01

    /// A remembered report found again.
    struct Hit {
        let report: ParsedRaceReport
        let bytes: Int
        let lines: Int
    }

    /// Bytes of stacks and header templates kept in all.
    let byteLimit: Int
    /// Reports found again, for tests and profiles.
    private(set) var hits = 0
    private let stacks = LineRunTable(), headers = LineRunTable()
    /// Blocks by their first section's stack (the header line before it holds numbers).
    private var byKey: BoundedBuckets<Block>
    /// Header lines of the report being matched, and the numbers in them (from
    /// `matchedNumberStarts[h]` on for header `h`): fixed scratch, reused from report to report
    /// (arrays emptied and appended to for every report were a tenth of matching it). A report
    /// with more is not taken from the memo.
    private static let headerRoom = 64, numberRoom = 256
    private let matchedHeaders = UnsafeMutablePointer<ByteLine>.allocate(capacity: headerRoom)
    private let matchedNumberStarts = UnsafeMutablePointer<Int>.allocate(capacity: headerRoom)
    private let matchedNumbers = UnsafeMutablePointer<ByteLine>.allocate(capacity: numberRoom)
    private var headerCount = 0, numberCount = 0

    /// A lane of 300 packages, each with its own copies of the sample runs' two dozen races,
    /// holds 6,300 distinct reports, which share most of their stacks.
    /// `limit`: reports kept in all (0: none); `perKey`: reports with the same first stack.
    init(limit: Int = 16384, perKey: Int = 16, byteLimit: Int = 16 << 20) {
        byKey = BoundedBuckets(limit: limit, perKey: perKey)
        self.byteLimit = byteLimit
    }

    deinit {
        matchedHeaders.deallocate()
        matchedNumberStarts.deallocate()
        matchedNumbers.deallocate()
    }

    /// The report that `following` (the bytes after a `WARNING: DATA RACE` line) repeats, as it
    /// reads there: its numbers, `runID`, `startLine`, and its lines counted from `warningLine`.
    func report(following: ByteLine, runID: Int, startLine: Int, warningLine: Int) -> Hit? {
        guard let key = Self.key(following), let candidates = byKey[key] else { return nil }
        for block in candidates.reversed() {
            guard let length = match(block, following),
                let report = report(block, runID: runID, startLine: startLine, warningLine: warningLine)
            else { continue }
            hits += 1
            return Hit(report: report, bytes: length, lines: block.lineCount)
        }
        return nil
    }

    /// How many bytes of `text` repeat `block`, numbers aside, or nil; its header lines are left
    /// in `matchedHeaders`.
    private func match(_ block: Block, _ text: ByteLine) -> Int? {
        headerCount = 0
        numberCount = 0
        return stacks.withRuns { stacks in
            headers.withRuns { headers in
                var offset = 0
                for piece in block.pieces {
                    if piece & Self.headerBit == 0 {
                        guard let next = stacks.match(piece, in: text, at: offset) else { return nil }
                        offset = next
                    } else {
                        guard headerCount < Self.headerRoom else { return nil }
                        matchedNumberStarts[headerCount] = numberCount
                        guard let end = matchHeader(headers.run(piece & ~Self.headerBit), in: text, at: offset) else { return nil }
                        matchedHeaders[headerCount] = ByteLine(base: text.base + offset, count: end - offset)
                        headerCount += 1
                        offset = end + 1
                    }
                }
                return offset
            }
        }
    }

    /// If `text` at `offset` holds a line that reads as `template`, with numbers where it has
    /// marks, and then a newline: where that newline is. The numbers' digits go to `matchedNumbers`.
    private func matchHeader(_ template: ByteLine, in text: ByteLine, at offset: Int) -> Int? {
        let numberMark = Self.numberMark
        var t = 0, a = offset
        while true {
            let mark = template.firstIndex(of: numberMark, from: t) ?? template.count
            let literal = mark - t
            guard a + literal <= text.count, literal == 0 || memcmp(template.base + t, text.base + a, literal) == 0 else { return nil }
            a += literal
            guard mark < template.count else { break }
            let hex = template[mark + 1] == 0x78
            let digits = a
            while a < text.count, Self.isNumberDigit(text.base[a], hex: hex) { a += 1 }
            guard a > digits, numberCount < Self.numberRoom else { return nil }
            matchedNumbers[numberCount] = ByteLine(base: text.base + digits, count: a - digits)
            numberCount += 1
            t = mark + 2
        }
        guard a < text.count, text.base[a] == 0x0A else { return nil }
        return a
    }

    /// Remembers a report read line by line. `block` is its bytes after the `WARNING` line,
    /// through its closing separator's newline; `lineCount` its lines.
    func remember(block: ByteLine, lineCount: Int, endLineAfterWarning: Int, report: RaceReport) {
        guard byKey.limit > 0, Self.isUnchangedByNormalizing(block), let key = Self.key(block) else { return }
        if byKey.isFull || stacks.byteCount + headers.byteCount + block.count > byteLimit {
            byKey.removeAll()
            stacks.removeAll()
            headers.removeAll()
        }
        var pieces: [UInt32] = []
        var roles: [HeaderRole] = []
        var template: [UInt8] = []
        // The stack lines since the last header line.
        var run = 0
        func endRun(at end: Int) {
            if end > run { pieces.append(stacks.id(of: block.slice(run, end))) }
        }
        var start = 0
        while start < block.count {
            let end = block.firstIndex(of: 0x0A, from: start) ?? block.count
            let line = block.slice(start, end)
            if line.count > 0, line[0] != 0x20, line[0] != 0x09 {
                endRun(at: start)
                Self.headerTemplate(of: line, into: &template)
                roles.append(Self.role(of: line.trimmed(), marks: template))
                let id = template.withUnsafeBufferPointer { headers.id(of: ByteLine(base: $0.baseAddress!, count: $0.count)) }
                pieces.append(id | Self.headerBit)
                run = end + 1
            }
            start = end + 1
        }
        endRun(at: block.count)
        guard let remembered = RememberedRaceReport(report: report, roles: roles) else { return }
        byKey.insert(
            Block(pieces: pieces, lineCount: lineCount, endLineAfterWarning: endLineAfterWarning, remembered: remembered), for: key)
    }

    /// What a header line's numbers fill in, when its template marks exactly those numbers.
    private static func role(of text: ByteLine, marks template: [UInt8]) -> HeaderRole {
        var marks: [UInt8] = []
        for i in template.indices.dropLast() where template[i] == numberMark { marks.append(template[i + 1]) }
        let x: UInt8 = 0x78, d: UInt8 = 0x64
        switch RaceReportParser.header(text) {
        case let .access(_, _, _, address, goroutine)?:
            // The address as the parser keeps it must be what the mark stands for: `0x` and the
            // hex digits, and nothing after them (`0x00.c0…` reads as one address).
            guard address.map(isMarkedAddress) ?? true else { return .parsed }
            let id: Bool
            switch goroutine {
            case .id: id = true
            case .main: id = false
            case .unknown: return .parsed
            }
            return marks == (address == nil ? [] : [x]) + (id ? [d] : []) ? .access(address: address != nil, goroutineID: id) : .parsed
        case .creation?:
            return marks == [d] ? .creation : .parsed
        case let .heap(_, address, goroutine)?:
            guard isMarkedAddress(address) else { return .parsed }
            let id: Bool
            switch goroutine {
            case .id: id = true
            case .main: id = false
            case .unknown: return .parsed
            }
            return marks == [d, x] + (id ? [d] : []) ? .heap(goroutineID: id) : .parsed
        default:
            return marks.isEmpty ? .unchanged : .parsed
        }
    }

    /// `0x` and lower-case hex digits only: an address a template's hex mark reads whole.
    private static func isMarkedAddress(_ address: String) -> Bool {
        ByteLine.withBytes(of: address) { bytes in
            guard bytes.count > 2, bytes.hasPrefix("0x") else { return false }
            for i in 2..<bytes.count where !isNumberDigit(bytes[i], hex: true) { return false }
            return true
        }
    }

    /// The header line with each number marked: hex after `0x` (an address), else decimal after
    /// a byte that is not a letter or digit (a goroutine id, a size, a line number).
    private static func headerTemplate(of line: ByteLine, into template: inout [UInt8]) {
        template.removeAll(keepingCapacity: true)
        var i = 0
        while i < line.count {
            if line[i] == 0x30, i + 2 < line.count, line[i + 1] == 0x78, isNumberDigit(line[i + 2], hex: true) {
                template.append(0x30)
                template.append(0x78)
                template.append(numberMark)
                template.append(0x78)
                i += 2
                while i < line.count, isNumberDigit(line[i], hex: true) { i += 1 }
            } else if line[i].isASCIIDigit, i == 0 || !isLetterOrDigit(line[i - 1]) {
                template.append(numberMark)
                template.append(0x64)
                while i < line.count, line[i].isASCIIDigit { i += 1 }
            } else {
                // Up to the next digit, at once.
                var j = i + 1
                while j < line.count, !line[j].isASCIIDigit { j += 1 }
                template.append(contentsOf: UnsafeBufferPointer(start: line.base + i, count: j - i))
                i = j
            }
        }
    }

    /// Go prints addresses in lower case.
    @inline(__always) private static func isNumberDigit(_ byte: UInt8, hex: Bool) -> Bool {
        byte &- 0x30 < 10 || (hex && byte &- 0x61 < 6)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
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

    /// Plain ASCII with no control byte but tab and newline: nothing `LineNormalizer` or
    /// `TextQuality` acts on (CR, ESC, NUL, bytes ≥ 0x80), and no byte a header template uses as
    /// a mark. A copy that matches has the same bytes outside its digits, so it is unchanged too.
    private static func isUnchangedByNormalizing(_ block: ByteLine) -> Bool {
        BinarySniffer.isPlainLines(block)
    }

    /// The remembered report with the numbers its copy's header lines hold now (as `match` left
    /// them), read as the race parser would: kept as those numbers, unless a header line is read
    /// as it is (then the report is made at once, from the line's text).
    private func report(_ block: Block, runID: Int, startLine: Int, warningLine: Int) -> ParsedRaceReport? {
        let remembered = block.remembered
        var numbers = HeaderNumbers()
        for index in 0..<headerCount {
            var next = matchedNumberStarts[index]
            func take(hex: Bool) -> Bool {
                defer { next += 1 }
                return hex ? numbers.append(hex: matchedNumbers[next]) : numbers.append(decimal: matchedNumbers[next])
            }
            switch remembered.roles[index] {
            case let .access(hasAddress, hasID):
                guard !hasAddress || take(hex: true), !hasID || take(hex: false) else { return nil }
            case .creation:
                guard take(hex: false) else { return nil }
            case .heap(let hasID):
                guard take(hex: false), take(hex: true), !hasID || take(hex: false) else { return nil }
            case .unchanged, .parsed:
                break
            }
        }
        guard numbers.count == remembered.numberCount else { return nil }
        let copy = RepeatedRaceReport(
            remembered: remembered, numbers: numbers, occurrence: Occurrence(runID: runID, line: startLine),
            endLine: warningLine + block.endLineAfterWarning)
        guard remembered.readsHeaderText else { return .repeated(copy) }
        return copy.report { matchedHeaders[$0] }.map { .read($0) }
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
