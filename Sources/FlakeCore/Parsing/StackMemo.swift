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
    private struct Stack {
        /// The stack's lines (trimmed), one after another; `ends[i]` is where line `i` ends.
        var bytes: [UInt8]
        var ends: [Int]
        var frames: [Frame]
        var firstLine: UInt64
    }

    static let limit = 4096
    /// Stacks kept per first line; the oldest goes first.
    static let perFirstLine = 16

    private var stacks: [Stack] = []
    private var byFirstLine: [UInt64: [Int]] = [:]

    /// A remembered stack that starts with `line`, if any (its first line still needs comparing).
    func stack(startingWith line: ByteLine) -> Int? {
        byFirstLine[ByteHash.hash(line.base, line.count)]?.last
    }

    /// Another stack whose first `matched` lines are those of `stack`, and whose next line is
    /// `line` (or which ends there, for a nil `line`).
    func alternative(to stack: Int, matched: Int, next line: ByteLine?) -> Int? {
        guard let candidates = byFirstLine[stacks[stack].firstLine] else { return nil }
        let prefix = matched == 0 ? 0 : stacks[stack].ends[matched - 1]
        for candidate in candidates.reversed() where candidate != stack {
            let ends = stacks[candidate].ends
            guard line != nil ? ends.count > matched : ends.count == matched else { continue }
            guard ends.prefix(matched).elementsEqual(stacks[stack].ends.prefix(matched)) else { continue }
            let samePrefix = stacks[candidate].bytes.withUnsafeBufferPointer { other in
                stacks[stack].bytes.withUnsafeBufferPointer { memcmp(other.baseAddress!, $0.baseAddress!, prefix) == 0 }
            }
            guard samePrefix else { continue }
            if let line, !self.line(matched, of: candidate, is: line) { continue }
            return candidate
        }
        return nil
    }

    func lineCount(_ stack: Int) -> Int { stacks[stack].ends.count }

    func frames(_ stack: Int) -> [Frame] { stacks[stack].frames }

    /// Whether line `index` of the stack is `line`.
    func line(_ index: Int, of stack: Int, is line: ByteLine) -> Bool {
        let ends = stacks[stack].ends
        guard index < ends.count else { return false }
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == line.count else { return false }
        return stacks[stack].bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, line.base, line.count) == 0 }
    }

    /// Calls `body` with each of the stack's first `count` lines.
    func forEachLine(of stack: Int, count: Int, _ body: (ByteLine) -> Void) {
        let entry = stacks[stack]
        entry.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in entry.ends.prefix(count) {
                body(ByteLine(base: bytes.baseAddress! + start, count: end - start))
                start = end
            }
        }
    }

    /// Remembers a stack read in full: `bytes` and `ends` as in `Stack`.
    func remember(bytes: [UInt8], ends: [Int], frames: [Frame]) {
        guard let firstEnd = ends.first else { return }
        if stacks.count >= Self.limit {
            stacks.removeAll(keepingCapacity: true)
            byFirstLine.removeAll(keepingCapacity: true)
        }
        let key = bytes.withUnsafeBufferPointer { ByteHash.hash($0.baseAddress!, firstEnd) }
        var candidates = byFirstLine[key] ?? []
        let stack = Stack(bytes: bytes, ends: ends, frames: frames, firstLine: key)
        if candidates.count >= Self.perFirstLine {
            // The oldest one's place is reused.
            let reused = candidates.removeFirst()
            stacks[reused] = stack
            candidates.append(reused)
        } else {
            candidates.append(stacks.count)
            stacks.append(stack)
        }
        byFirstLine[key] = candidates
    }
}
