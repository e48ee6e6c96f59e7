import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        let first = Int32(needle[0]), last = end - needle.count
        var i = start
        let base = hay.baseAddress!
        while i <= last {
            // memchr finds the first byte with wide loads; the rest is compared byte by byte.
            guard let hit = memchr(base + i, first, last - i + 1) else { return false }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var j = 1
            while j < needle.count, hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return true }
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
        case .chain(let chain):
            return bytes.withUnsafeBufferPointer { hay in
                rows.filter { chain.matches(hay, offsets[Int($0)], offsets[Int($0) + 1]) }
            }
        case .regex(let regex, let required):
            // Swift regexes cost microseconds per row: narrow with a literal the match must contain.
            let candidates = required.map { filter(rows, by: .literal($0)) } ?? rows
            return candidates.filter { matcher.matches(text(of: Int($0)), regex: regex) }
        }
    }
}

/// How a filter string matches: literal text (case-insensitive) unless it looks like a regex.
public enum TextMatcher: @unchecked Sendable {
    case everything
    case literal([UInt8])
    /// The regexes people type most (`init.*4217`, `^race`, `s390x$`): literals joined by `.*`,
    /// matched with byte scans, without a regex engine.
    case chain(LiteralChain)
    /// A regex, plus a literal every match contains (lowercased), when one can be read off it.
    case regex(NSRegularExpression, required: [UInt8]?)

    /// Characters that make a filter a regex.
    static let regexMarkers: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    /// The matcher for what the user typed; a string that is not a valid regex matches literally.
    public init(_ text: String) {
        if text.isEmpty {
            self = .everything
        } else if text.contains(where: Self.regexMarkers.contains), let chain = LiteralChain(text),
            (try? NSRegularExpression(pattern: text)) != nil
        {
            self = .chain(chain)
        } else if text.contains(where: Self.regexMarkers.contains),
            // ICU through Foundation: an order of magnitude faster per row than Swift's Regex here.
            let regex = try? NSRegularExpression(pattern: text, options: [.caseInsensitive])
        {
            self = .regex(regex, required: Self.requiredLiteral(text).map { $0.utf8.map(SearchCorpus.lowercased) })
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
        case .chain(let chain):
            line.utf8.map(SearchCorpus.lowercased).withUnsafeBufferPointer { chain.matches($0, 0, $0.count) }
        case .regex(let regex, _): matches(line, regex: regex)
        }
    }

    /// The longest run of plain characters that every match must contain, or nil when the
    /// pattern has alternation or groups (where no run is certain). Conservative on purpose.
    static func requiredLiteral(_ pattern: String) -> String? {
        if pattern.contains("|") || pattern.contains("(") || pattern.contains("[") { return nil }
        var runs: [String] = []
        var current = ""
        var escaped = false
        for c in pattern {
            if escaped {
                // `\.` is a literal dot; `\d`, `\w` and friends are classes.
                if c.isLetter || c.isNumber { runs.append(current); current = "" } else { current.append(c) }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if "?*{".contains(c) {
                // The character before is optional or repeated: it is not required.
                if !current.isEmpty { current.removeLast() }
                runs.append(current)
                current = ""
            } else if regexMarkers.contains(c) {
                runs.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        runs.append(current)
        let best = runs.max { $0.utf8.count < $1.utf8.count } ?? ""
        return best.isEmpty ? nil : best
    }

    fileprivate func matches(_ line: String, regex: NSRegularExpression) -> Bool {
        regex.firstMatch(in: line, range: NSRange(location: 0, length: line.utf16.count)) != nil
    }
}

/// A regex made only of literal runs (with `.` for any one character) joined by `.*`,
/// optionally anchored with `^` and `$`. Typing `init.*4217` passes through `init.`: both stay here.
public struct LiteralChain: Sendable {
    /// nil is `.`, any one byte.
    let segments: [[UInt8?]]
    let anchoredStart: Bool
    let anchoredEnd: Bool

    /// Nil when the pattern needs a real regex engine.
    init?(_ pattern: String) {
        var body = Substring(pattern)
        anchoredStart = body.hasPrefix("^")
        if anchoredStart { body = body.dropFirst() }
        anchoredEnd = body.hasSuffix("$") && !body.hasSuffix("\\$")
        if anchoredEnd { body = body.dropLast() }
        var segments: [[UInt8?]] = []
        for part in body.split(separator: ".*", omittingEmptySubsequences: false) {
            var segment: [UInt8?] = []
            var escaped = false
            for c in part {
                if escaped {
                    // `\.` is a dot; `\d`, `\w` and the like are classes.
                    guard !c.isLetter, !c.isNumber else { return nil }
                    segment += String(c).utf8.map { SearchCorpus.lowercased($0) }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "." {
                    segment.append(nil)
                } else if TextMatcher.regexMarkers.contains(c) || !c.isASCII {
                    return nil
                } else {
                    segment += String(c).utf8.map { SearchCorpus.lowercased($0) }
                }
            }
            guard !escaped else { return nil }
            segments.append(segment)
        }
        self.segments = segments
    }

    /// Whether `hay[start..<end]` matches: each segment found after the previous one.
    func matches(_ hay: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var position = start
        for (index, segment) in segments.enumerated() {
            let isFirst = index == 0, isLast = index == segments.count - 1
            if isLast, anchoredEnd {
                let from = end - segment.count
                guard from >= position, equal(hay, from, segment), !(isFirst && anchoredStart && from != start) else {
                    return false
                }
                return true
            }
            if isFirst, anchoredStart {
                guard end - start >= segment.count, equal(hay, start, segment) else { return false }
                position = start + segment.count
                continue
            }
            guard let hit = find(hay, segment, from: position, to: end) else { return false }
            position = hit + segment.count
        }
        return true
    }

    private func equal(_ hay: UnsafeBufferPointer<UInt8>, _ at: Int, _ segment: [UInt8?]) -> Bool {
        for (k, byte) in segment.enumerated() {
            if let byte { if hay[at + k] != byte { return false } } else if hay[at + k] == 0x0A { return false }
        }
        return true
    }

    private func find(_ hay: UnsafeBufferPointer<UInt8>, _ segment: [UInt8?], from: Int, to end: Int) -> Int? {
        guard !segment.isEmpty else { return from }
        var i = from
        while i + segment.count <= end {
            if equal(hay, i, segment) { return i }
            i += 1
        }
        return nil
    }
}
