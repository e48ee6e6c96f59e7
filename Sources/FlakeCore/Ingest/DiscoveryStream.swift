import Foundation

/// The folder walk on a thread of its own, handing out files in walk order as they are listed,
/// so that parsing starts with the first chunk instead of after the last folder (on a tree of a
/// few hundred thousand files the walk alone took about a second).
final class DiscoveryStream: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var files: [LogFile] = []
    private var problems: [Problem] = []
    private var done = false

    /// Throws, before any walking, when a path does not exist.
    init(paths: [String]) throws(LogDiscovery.Failure) {
        try LogDiscovery.checkExisting(paths)
        let thread = Thread { [self] in
            let result = LogDiscovery.walk(paths) { [self] chunk in
                condition.lock()
                files += chunk
                condition.broadcast()
                condition.unlock()
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

    /// Files `start..<start + count`, or fewer once the walk has ended (none past the last),
    /// waiting while the walk has not listed them yet.
    func files(from start: Int, count: Int) -> ArraySlice<LogFile> {
        condition.lock()
        defer { condition.unlock() }
        while !done, files.count < start + count { condition.wait() }
        return files[min(start, files.count)..<min(start + count, files.count)]
    }

    /// Files listed so far, and whether that is all of them.
    var listed: (count: Int, complete: Bool) {
        condition.lock()
        defer { condition.unlock() }
        return (files.count, done)
    }

    /// Every file and the walk's problems, once the walk has ended.
    func all() -> (files: [LogFile], problems: [Problem]) {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return (files, problems)
    }
}
