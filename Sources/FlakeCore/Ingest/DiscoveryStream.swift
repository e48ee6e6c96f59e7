import DequeModule
import Foundation

/// The folder walk on a thread of its own, handing out files in walk order as they are listed,
/// so that parsing starts with the first chunk instead of after the last folder (on a tree of a
/// few hundred thousand files the walk alone took about a second).
final class DiscoveryStream: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`: files listed and not yet handed out, the first being file number `handedOut`.
    private var files = Deque<LogFile>()
    private var handedOut = 0
    private var problems: [Problem] = []
    private var done = false
    private var cancelled = false

    /// Files the walk may list ahead of the parsers.
    private let aheadLimit: Int

    /// Throws, before any walking, when a path does not exist.
    init(paths: [String], aheadLimit: Int = 32768) throws(LogDiscovery.Failure) {
        self.aheadLimit = aheadLimit
        try LogDiscovery.checkExisting(paths)
        let thread = Thread { [self] in
            let result = LogDiscovery.walk(paths) { [self] chunk in
                condition.lock()
                defer { condition.unlock() }
                // Far enough ahead of the parsers: wait, so the listing never fills memory.
                while files.count >= aheadLimit, !cancelled { condition.wait() }
                guard !cancelled else { return false }
                files.append(contentsOf: chunk)
                condition.broadcast()
                return true
            }
            condition.lock()
            problems = result.problems
            done = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next `count` files (fewer once the walk has ended, none past the last), waiting
    /// while the walk has not listed them yet. Files handed out are not kept: a listing of
    /// millions of files would otherwise stay in memory to the end.
    func next(_ count: Int) -> [LogFile] {
        condition.lock()
        defer { condition.unlock() }
        while !done, files.count < count { condition.wait() }
        let taken = Array(files.prefix(count))
        files.removeFirst(taken.count)
        handedOut += taken.count
        condition.broadcast()
        return taken
    }

    /// Files listed so far, and whether that is all of them.
    var listed: (count: Int, complete: Bool) {
        condition.lock()
        defer { condition.unlock() }
        return (handedOut + files.count, done)
    }

    /// Nobody will take more files: the walk stops (it may be waiting for the parsers).
    func cancel() {
        condition.lock()
        cancelled = true
        files.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The walk's problems, once it has ended.
    func problemsWhenDone() -> [Problem] {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return problems
    }
}
