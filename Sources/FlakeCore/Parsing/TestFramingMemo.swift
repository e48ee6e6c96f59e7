#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs of test framing lines a worker has read (`=== RUN`, `=== CONT`, `--- PASS: … (0.01s)`,
/// one after another), with what each line did. A suite prints the same runs in every run of
/// it, and only the durations change: a run that repeats a remembered one is compared instead
/// of read, and its lines are stepped over. Framing is most of the lines of a log of passing
/// tests, and reading each (a line, its prefix, its name looked up) cost ten times the compare.
///
/// What a framing line does depends on its bytes alone while nothing else is open (no race
/// report or panic being read, no message waiting for its test's result, no race waiting to be
/// told to a test, no Ginkgo spec waiting for its suite): `GoTestStream` records and steps over
/// runs only then, so each line's effect holds for any copy of it, and any first lines of a
/// remembered run are a run of their own. Only plain ASCII lines, as the file has them, are
/// kept (nothing `LineNormalizer` changes). One per worker thread, with its `ByteInterner` (the
/// effects hold its names); emptied past `limit` runs or `byteLimit` bytes.
final class TestFramingMemo {
    /// What a framing line does to the stream that reads it.
    enum Effect {
        /// `=== PAUSE`, `--- BENCH:`: nothing.
        case none
        /// `=== RUN`, `=== CONT`, `=== NAME`: output belongs to this test now (nil: to none).
        case current(InternedName?)
        /// `--- PASS:`, `--- FAIL:`, `--- SKIP:`: a result, and output belongs to its test.
        case result(TestOutcome, InternedName)
    }

    /// One remembered run. Never changed once made.
    final class Run {
        /// Each line's kept part, one after another: the whole line, or a result line up to the
        /// `(` before its duration.
        let bytes: [UInt8]
        /// Where each line's kept part ends in `bytes`, and whether a duration follows it.
        let ends: [Int]
        let timed: [Bool]
        let effects: [Effect]

        init(bytes: [UInt8], ends: [Int], timed: [Bool], effects: [Effect]) {
            self.bytes = bytes
            self.ends = ends
            self.timed = timed
            self.effects = effects
        }

        var lineCount: Int { ends.count }

        /// How many lines `line` and then `following` repeat from the first, and the bytes of
        /// `following` they take.
        func match(_ line: ByteLine, _ following: ByteLine) -> (lines: Int, bytes: Int) {
            bytes.withUnsafeBufferPointer { bytes in
                guard match(line: 0, of: bytes.baseAddress!, in: line, at: 0, whole: true) != nil else { return (0, 0) }
                var lines = 1, offset = 0
                while lines < ends.count, let taken = match(line: lines, of: bytes.baseAddress!, in: following, at: offset, whole: false) {
                    offset += taken
                    lines += 1
                }
                return (lines, offset)
            }
        }

        /// How many bytes of `text`, from `start`, line `index` takes (with its newline unless
        /// `whole`, where the line must be all of `text` from `start`), or nil when it is not that line.
        @inline(__always)
        private func match(line index: Int, of bytes: UnsafePointer<UInt8>, in text: ByteLine, at start: Int, whole: Bool) -> Int? {
            let keptStart = index == 0 ? 0 : ends[index - 1], kept = ends[index] - keptStart
            guard start + kept <= text.count, memcmp(bytes + keptStart, text.base + start, kept) == 0 else { return nil }
            var end = start + kept
            if timed[index] {
                guard let after = TestFramingMemo.durationEnd(text, from: end) else { return nil }
                end = after
            }
            if whole { return end == text.count ? end - start : nil }
            guard end < text.count, text[end] == 0x0A else { return nil }
            return end + 1 - start
        }
    }

    /// A run found again: the run, how many of its first lines the text repeats, and the bytes
    /// of those after the first (which the caller steps over).
    struct Hit {
        let run: Run
        let lines: Int
        let bytesAfterFirst: Int
    }

    private var byFirstLine: BoundedBuckets<Run>
    private var byteCount = 0
    let byteLimit: Int
    /// Runs found again, for tests and profiles.
    private(set) var hits = 0

    init(limit: Int = 4096, perKey: Int = 8, byteLimit: Int = 4 << 20) {
        byFirstLine = BoundedBuckets(limit: limit, perKey: perKey)
        self.byteLimit = byteLimit
    }

    /// The remembered run whose first lines `line` and then `following` repeat for longest (two
    /// lines at least), if any.
    func run(startingWith line: ByteLine, following: ByteLine) -> Hit? {
        guard byFirstLine.limit > 0, let candidates = byFirstLine[Self.key(line)] else { return nil }
        var best: Hit?
        for run in candidates.reversed() where run.lineCount > (best?.lines ?? 1) {
            let (lines, bytes) = run.match(line, following)
            if lines > (best?.lines ?? 1) { best = Hit(run: run, lines: lines, bytesAfterFirst: bytes) }
            if lines == run.lineCount { break }
        }
        if best != nil { hits += 1 }
        return best
    }

    /// Remembers a run read line by line (see `TestFramingRecording`).
    func remember(_ recording: TestFramingRecording) {
        guard byFirstLine.limit > 0, recording.lineCount >= 2 else { return }
        if byFirstLine.isFull || byteCount + recording.bytes.count > byteLimit {
            byFirstLine.removeAll()
            byteCount = 0
        }
        let run = Run(bytes: recording.bytes, ends: recording.ends, timed: recording.timed, effects: recording.effects)
        byteCount += recording.bytes.count
        recording.bytes.withUnsafeBufferPointer { bytes in
            byFirstLine.insert(run, for: Self.key(ByteLine(base: bytes.baseAddress!, count: recording.ends[0])))
        }
    }

    /// A first line's key: its bytes up to its first `(` (at most 48), which a copy's line and
    /// the line's kept part (all of it, or through its last `(`) have alike.
    private static func key(_ line: ByteLine) -> UInt64 {
        let head = line.prefix(48)
        return ByteHash.hash(head.base, head.firstIndex(of: 0x28) ?? head.count)
    }

    /// The part of a framing line a copy must repeat byte for byte: a result line without its
    /// duration (through the `(` before it, and `timed`), any other line whole (a `(1s)` at the
    /// end of a test's name in `=== RUN` is part of the name).
    static func keptPart(_ line: ByteLine, result: Bool) -> (count: Int, timed: Bool)? {
        guard line.count > 0 else { return nil }
        // `--- PASS: Name (0.01s)`: the duration is what follows the last ` (`.
        if result, line[line.count - 1] == 0x29, let open = line.lastIndex(of: 0x28), open > 0, line[open - 1] == 0x20,
            durationEnd(line, from: open + 1) == line.count
        {
            return (open + 1, true)
        }
        return (line.count, false)
    }

    /// The end of `1.25s)` from `start`: digits and dots, `s`, `)`.
    static func durationEnd(_ text: ByteLine, from start: Int) -> Int? {
        var i = start
        while i < text.count, text[i].isASCIIDigit || text[i] == 0x2E { i += 1 }
        guard i > start, i + 2 <= text.count, text[i] == 0x73, text[i + 1] == 0x29 else { return nil }
        return i + 2
    }
}

/// The run of framing lines being read, as the memo will keep it: each line's kept part and
/// effect, while its lines are the file's own, one after another, and plain ASCII. One per
/// stream, reused from run to run.
struct TestFramingRecording {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []
    private(set) var timed: [Bool] = []
    private(set) var effects: [TestFramingMemo.Effect] = []
    private(set) var isActive = false
    /// Where the next line must start to be the file's next line, and where the bytes end.
    private var next: UnsafePointer<UInt8>?
    private var end: UnsafePointer<UInt8>?
    /// The first line and its effect, kept aside until a second line comes: most runs that are
    /// not found are one line (a test's `=== RUN` before its output), and are not remembered.
    private var first: (line: ByteLine, effect: TestFramingMemo.Effect)?
    /// The arrays hold this run's lines (from its second line on).
    private var filled = false

    /// Starts a run at a line; `following`: the bytes after its newline.
    mutating func begin(following: ByteLine) {
        next = following.base
        end = following.base + following.count
        first = nil
        filled = false
        isActive = true
    }

    mutating func stop() { isActive = false }

    /// The lines kept (none until the second is taken).
    var lineCount: Int { filled ? ends.count : 0 }

    /// Whether `line` is the file's next line after the run's last, so that the run can go on with it.
    func continues(with line: ByteLine) -> Bool {
        let lineEnd = line.base + line.count
        guard line.base == next, let end, lineEnd < end else { return false }
        return lineEnd.pointee == 0x0A
    }

    /// Takes the run's first line, or a line it `continues(with:)`, and what the line did;
    /// false when the line cannot be kept (then the run ends before it).
    mutating func take(_ line: ByteLine, effect: TestFramingMemo.Effect) -> Bool {
        if !filled, first == nil {
            first = (line, effect)
            return true
        }
        next = line.base + line.count + 1
        if let (firstLine, firstEffect) = first {
            first = nil
            filled = true
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            timed.removeAll(keepingCapacity: true)
            effects.removeAll(keepingCapacity: true)
            guard append(firstLine, effect: firstEffect) else { return false }
        }
        return append(line, effect: effect)
    }

    private mutating func append(_ line: ByteLine, effect: TestFramingMemo.Effect) -> Bool {
        var result = false
        if case .result = effect { result = true }
        guard BinarySniffer.isPlainLines(line), let kept = TestFramingMemo.keptPart(line, result: result) else { return false }
        bytes.append(contentsOf: UnsafeBufferPointer(start: line.base, count: kept.count))
        ends.append(bytes.count)
        timed.append(kept.timed)
        effects.append(effect)
        return true
    }
}
