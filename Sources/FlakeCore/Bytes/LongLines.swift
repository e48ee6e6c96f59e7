/// Lines longer than a line source's cap: handed to the parser cut to the cap, so that a
/// 200 MB line without a newline is never held whole (a chunked source would have to buffer it).
struct LongLines: Sendable, Equatable {
    /// The longest a line handed to a parser can be; far above any real Go test output line.
    static let defaultCap = 4 << 20

    var count = 0
    /// 1-based number of the first cut line.
    var firstLine: Int?
    /// Length of the longest line before it was cut.
    var longest = 0

    mutating func record(line: Int, length: Int) {
        count += 1
        if firstLine == nil { firstLine = line }
        longest = max(longest, length)
    }

    func problem(cap: Int) -> String? {
        guard let firstLine else { return nil }
        let which = count == 1 ? "line \(firstLine) is" : "\(count) lines (the first at line \(firstLine)) are"
        return "\(which) longer than \(cap) bytes (the longest \(longest)): read the first \(cap) bytes of each"
    }
}
