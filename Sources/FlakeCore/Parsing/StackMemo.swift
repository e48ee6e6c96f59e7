#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stacks a worker has read, line for line, with the frames they gave: a folder of logs prints
/// the same stacks again and again (every report of a race, every run of a lane), and following
/// a remembered stack costs a compare per line instead of parsing the line, interning its names
/// and building its frame. Equal stacks also share one frame array, so what follows them
/// (signatures, groups, freeing) handles one array instead of its frames.
///
/// Stacks are found by their first line; a few stacks can start with the same line (every
/// goroutine created by `testing.(*T).Run`), and a section that leaves one of them moves to
/// another with the same lines so far. One per worker thread (it lives with the worker's
/// `ByteInterner`); emptied past `limit`.
final class StackMemo {
    /// One remembered stack. Never changed once made (but for its prefix keys, worked out when
    /// first asked for): a section that follows it holds it, so it stays valid while the memo
    /// forgets it (test2json logs interleave the stacks of packages).
    final class Stack {
        /// The keys of the stack's lines (`StackLineKey`), one after another; `ends[i]` is where line `i` ends.
        let bytes: [UInt8]
        let ends: [Int]
        let frames: [Frame]
        let firstLine: UInt64
        /// By line count: the hash of the keys of the first lines (`prefixKey(lines:)`), made
        /// when first asked for.
        private var prefixKeys: [UInt64] = []

        init(bytes: [UInt8], ends: [Int], frames: [Frame], firstLine: UInt64) {
            self.bytes = bytes
            self.ends = ends
            self.frames = frames
            self.firstLine = firstLine
        }

        var lineCount: Int { ends.count }

        /// The hash of the keys of the first `count` lines (0 for none).
        func prefixKey(lines count: Int) -> UInt64 {
            guard count > 0 else { return 0 }
            if prefixKeys.isEmpty {
                var key: UInt64 = 0
                prefixKeys.reserveCapacity(ends.count)
                forEachLine(count: ends.count) { line in
                    key = StackMemo.prefixKey(key, adding: StackLineKey(trimmed: line))
                    prefixKeys.append(key)
                }
            }
            return prefixKeys[count - 1]
        }

        /// Whether line `index` has the key `key`.
        func line(_ index: Int, is key: StackLineKey) -> Bool {
            guard index < ends.count else { return false }
            let start = index == 0 ? 0 : ends[index - 1]
            guard ends[index] - start == key.count else { return false }
            return bytes.withUnsafeBufferPointer { key.equals($0.baseAddress! + start, count: key.count) }
        }

        /// Whether the first `count` lines are those of `other`.
        func startsLike(_ other: Stack, lines count: Int) -> Bool {
            guard ends.count >= count, other.ends.count >= count, ends.prefix(count).elementsEqual(other.ends.prefix(count)) else {
                return false
            }
            let length = count == 0 ? 0 : ends[count - 1]
            return bytes.withUnsafeBufferPointer { mine in
                other.bytes.withUnsafeBufferPointer { memcmp(mine.baseAddress!, $0.baseAddress!, length) == 0 }
            }
        }

        /// Calls `body` with each of the first `count` lines.
        func forEachLine(count: Int, _ body: (ByteLine) -> Void) {
            bytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for end in ends.prefix(count) {
                    body(ByteLine(base: bytes.baseAddress! + start, count: end - start))
                    start = end
                }
            }
        }
    }

    /// Stacks by the hash of their first line: 16,384 in all, 16 per first line by default. A
    /// lane of 300 packages, each with its own copies of the sample runs' stacks, holds more
    /// than 4,096: with that bound the memo was emptied over and over on test2json lanes (whose
    /// reports are not stepped over whole), and their races were read the long way, a tenth of
    /// their time; the larger bound adds some 12 MB on the 4 GB text lane tree.
    private var byFirstLine: BoundedBuckets<Stack>
    /// Stacks read after a section left another, by the hash of their lines up to and with the
    /// first that differed (`Stack.prefixKey(lines:)`). Many stacks start alike (every panic in
    /// a test begins in `testing.tRunner` and `panic`) and part at their first frame in the
    /// project; more of them than a first line's bucket holds.
    private var byPrefix: BoundedBuckets<Stack>

    init(limit: Int = 16384, perFirstLine: Int = 16) {
        byFirstLine = BoundedBuckets(limit: limit, perKey: perFirstLine)
        byPrefix = BoundedBuckets(limit: limit, perKey: perFirstLine)
    }

    static func prefixKey(_ prefix: UInt64, adding line: StackLineKey) -> UInt64 { ByteHash.combine(prefix, line.hash) }

    /// A stack whose first `count` lines are those of `stack`, and whose next line has the key `line`.
    func stack(divergingFrom stack: Stack, after count: Int, with line: StackLineKey) -> Stack? {
        guard count > 0, let candidates = byPrefix[Self.prefixKey(stack.prefixKey(lines: count), adding: line)] else { return nil }
        for candidate in candidates.reversed()
        where candidate !== stack && candidate.lineCount > count && candidate.startsLike(stack, lines: count)
            && candidate.line(count, is: line)
        {
            return candidate
        }
        return nil
    }

    /// A remembered stack whose first line has the key `key`, if any (its first line still needs comparing).
    func stack(startingWith key: StackLineKey) -> Stack? {
        byFirstLine[key.hash]?.last
    }

    /// Another stack whose first `matched` lines are those of `stack`, and whose next line is
    /// `line` (or which ends there, for a nil `line`).
    func alternative(to stack: Stack, matched: Int, next line: StackLineKey?) -> Stack? {
        guard let candidates = byFirstLine[stack.firstLine] else { return nil }
        for candidate in candidates.reversed() where candidate !== stack {
            guard line != nil ? candidate.lineCount > matched : candidate.lineCount == matched else { continue }
            guard candidate.startsLike(stack, lines: matched) else { continue }
            if let line, !candidate.line(matched, is: line) { continue }
            return candidate
        }
        return nil
    }

    /// Remembers a stack read in full: `bytes` and `ends` as in `Stack`, `firstLine` the hash
    /// of its first line's key, `divergedAfter` the lines it shared with the stack it left.
    func remember(bytes: [UInt8], ends: [Int], frames: [Frame], firstLine: UInt64, divergedAfter: Int? = nil) {
        guard !ends.isEmpty else { return }
        if byFirstLine.isFull || byPrefix.isFull {
            byFirstLine.removeAll()
            byPrefix.removeAll()
        }
        let stack = Stack(bytes: bytes, ends: ends, frames: frames, firstLine: firstLine)
        byFirstLine.insert(stack, for: firstLine)
        if let divergedAfter, divergedAfter > 0, divergedAfter < ends.count {
            byPrefix.insert(stack, for: stack.prefixKey(lines: divergedAfter + 1))
        }
    }
}
