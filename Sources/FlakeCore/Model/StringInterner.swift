import Synchronization

/// One shared copy of each distinct function name and file path, so memory grows with the
/// distinct content of the logs, not with their size: the same frame in ten thousand reports
/// is stored once. Shared by the parallel parsers.
public final class StringInterner: Sendable {
    private let table = Mutex<Set<String>>([])

    public init() {}

    public func intern(_ string: String) -> String {
        table.withLock { table in
            if let existing = table.firstIndex(of: string) { return table[existing] }
            table.insert(string)
            return string
        }
    }

    public var count: Int { table.withLock { $0.count } }
}
