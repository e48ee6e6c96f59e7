/// Lowercased search text of every row in one contiguous buffer, so a filter keystroke over
/// 100,000 rows is a tight byte scan rather than 100,000 String operations.
public struct SearchCorpus: Sendable {
    private let bytes: [UInt8]
    /// Start of row i is `offsets[i]`; its end is `offsets[i + 1]`.
    private let offsets: [Int]

    public init(_ texts: [String]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        var offsets: [Int] = [0]
        offsets.reserveCapacity(texts.count + 1)
        for text in texts {
            bytes.append(contentsOf: text.utf8.map(Self.lowercased))
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    static func lowercased(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }

    /// Whether `hay[start..<end]` contains `needle`: scan for the first byte, then compare.
    @inline(__always)
    private static func contains(
        _ hay: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let first = needle[0], last = end - needle.count
        var i = start
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The row's text as stored (lowercased).
    public func text(of row: Int) -> String {
        String(decoding: bytes[offsets[row]..<offsets[row + 1]], as: UTF8.self)
    }

    /// Rows among `rows` whose text satisfies `matcher`, order kept.
    public func filter(_ rows: [Int32], by matcher: TextMatcher) -> [Int32] {
        switch matcher {
        case .everything:
            return rows
        case .literal(let needle):
            return bytes.withUnsafeBufferPointer { hay in
                needle.withUnsafeBufferPointer { pin in
                    rows.filter { row in
                        let start = offsets[Int(row)], end = offsets[Int(row) + 1]
                        guard end - start >= pin.count else { return false }
                        return Self.contains(hay, start, end, pin)
                    }
                }
            }
        case .regex(let regex):
            return rows.filter { matcher.matches(text(of: Int($0)), regex: regex) }
        }
    }
}

/// How a filter string matches: literal text (case-insensitive) unless it looks like a regex.
public enum TextMatcher: @unchecked Sendable {
    case everything
    case literal([UInt8])
    case regex(Regex<AnyRegexOutput>)

    /// Characters that make a filter a regex.
    static let regexMarkers: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    /// The matcher for what the user typed; a string that is not a valid regex matches literally.
    public init(_ text: String) {
        if text.isEmpty {
            self = .everything
        } else if text.contains(where: Self.regexMarkers.contains), let regex = try? Regex(text) {
            self = .regex(regex.ignoresCase())
        } else {
            self = .literal(text.utf8.map(SearchCorpus.lowercased))
        }
    }

    public var isLiteral: Bool {
        if case .regex = self { return false }
        return true
    }

    /// For text screens: does this line match?
    public func matches(_ line: String) -> Bool {
        switch self {
        case .everything: true
        case .literal(let needle): line.utf8.map(SearchCorpus.lowercased).firstRange(of: needle) != nil
        case .regex(let regex): matches(line, regex: regex)
        }
    }

    fileprivate func matches(_ line: String, regex: Regex<AnyRegexOutput>) -> Bool {
        (try? regex.firstMatch(in: line)) != nil
    }
}
