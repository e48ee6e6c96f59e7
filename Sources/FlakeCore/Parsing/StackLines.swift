/// Recognisers for the frame lines that race reports and goroutine dumps print.
enum StackLines {
    /// `  pkg.(*T).Method.func1()` (race report) or `pkg.F(0xc000, {0x1, 0x2})` (panic):
    /// the function as printed, without its argument list.
    static func function(_ line: ByteLine) -> String? { functionBytes(trimmed: line.trimmed())?.string }

    static func functionBytes(trimmed text: ByteLine) -> ByteLine? {
        guard text.count > 2, text[text.count - 1] == 0x29 /* ) */ else { return nil }
        // Walk back to the parenthesis that opens the argument list.
        var depth = 0, i = text.count - 1
        while i >= 0 {
            let byte = text[i]
            if byte == 0x29 { depth += 1 } else if byte == 0x28 {
                depth -= 1
                if depth == 0 { break }
            } else if byte == 0x20 && depth == 0 {
                return nil
            }
            i -= 1
        }
        guard i > 0 else { return nil }
        let name = text.prefix(i)
        // A function name has no spaces; a sentence ending in ")" does.
        // `panic(…)` is the one frame without a package.
        guard name.firstIndex(of: 0x20) == nil, name.firstIndex(of: 0x2E) != nil || name.equals("panic") else { return nil }
        return name
    }

    /// `      /path/file.go:12 +0x2c`: the file and line.
    static func location(_ line: ByteLine) -> (file: String, line: Int)? {
        locationBytes(trimmed: line.trimmed()).map { ($0.file.string, $0.line) }
    }

    static func locationBytes(trimmed: ByteLine) -> (file: ByteLine, line: Int)? {
        var text = trimmed
        if let plus = text.range(of: " +0x") { text = text.prefix(plus) }
        guard let colon = text.lastIndex(of: 0x3A), colon > 0,
            let (number, end) = text.integer(at: colon + 1), end == text.count
        else { return nil }
        let file = text.prefix(colon)
        guard file.firstIndex(of: 0x20) == nil, file.firstIndex(of: 0x2E) != nil else { return nil }
        return (file, number)
    }
}

/// Collects frames from alternating function and location lines.
///
/// With a worker's interner, a section's lines are checked against the worker's `StackMemo`:
/// while they repeat a remembered stack line for line, they are only compared, and the section
/// takes that stack's frames. At the first line that differs, the lines so far are parsed after
/// all (they were accepted before, from the same state, so they are again) and the section goes
/// on the long way; a stack read the long way is remembered when it is taken.
struct FrameCollector {
    private var frames: [Frame] = []
    private var pendingFunction: String?
    private let interner: ByteInterner?
    private let memo: StackMemo?
    /// The lines accepted so far the long way (kept to remember the stack), and where each ends.
    private var lines: [UInt8] = []
    private var lineEnds: [Int] = []
    /// The remembered stack this section has repeated so far, and how many of its lines.
    private var following: StackMemo.Stack?
    private var matched = 0
    /// The section stopped repeating a remembered stack (or none started with its first line).
    private var onItsOwn = false

    init(interner: ByteInterner? = nil) {
        self.interner = interner
        memo = interner?.stacks
    }

    /// Returns false when the line is neither half of a frame.
    mutating func feed(_ line: ByteLine) -> Bool { feed(trimmed: line.trimmed()) }

    mutating func feed(trimmed text: ByteLine) -> Bool {
        if let memo, !onItsOwn {
            if following == nil, lineEnds.isEmpty { following = memo.stack(startingWith: text) }
            if let stack = following {
                if stack.line(matched, is: text) {
                    matched += 1
                    return true
                }
                if let other = memo.alternative(to: stack, matched: matched, next: text) {
                    following = other
                    matched += 1
                    return true
                }
                following = nil
                stack.forEachLine(count: matched) { _ = parse($0) }
                matched = 0
            }
            onItsOwn = true
        }
        return parse(text)
    }

    /// The long way: parses the line and, with a memo, keeps it to remember the stack.
    private mutating func parse(_ text: ByteLine) -> Bool {
        guard accept(text) else { return false }
        if memo != nil {
            lines.append(contentsOf: UnsafeBufferPointer(start: text.base, count: text.count))
            lineEnds.append(lines.count)
        }
        return true
    }

    private mutating func accept(_ text: ByteLine) -> Bool {
        if let pending = pendingFunction, let (file, number) = StackLines.locationBytes(trimmed: text) {
            // Room for a typical stack at once: grown from empty, it was reallocated four times.
            if frames.isEmpty { frames.reserveCapacity(8) }
            frames.append(Frame(function: pending, file: interner?.string(file) ?? file.string, line: number))
            pendingFunction = nil
            return true
        }
        if let function = StackLines.functionBytes(trimmed: text) {
            pendingFunction = interner?.string(function) ?? function.string
            return true
        }
        if text.hasPrefix("created by ") {
            let rest = text.dropFirst(11)
            // Go ≥1.21 appends " in goroutine N".
            let end = rest.range(of: " in goroutine ") ?? rest.count
            pendingFunction = interner?.string(rest.prefix(end)) ?? rest.prefix(end).string
            return true
        }
        return false
    }

    /// The section's frames; the collector is empty again after.
    mutating func take() -> [Frame] {
        defer {
            frames = []
            pendingFunction = nil
            if !lineEnds.isEmpty {
                lines.removeAll(keepingCapacity: true)
                lineEnds.removeAll(keepingCapacity: true)
            }
            following = nil
            matched = 0
            onItsOwn = false
        }
        if let memo, let stack = following {
            if matched == stack.lineCount { return stack.frames }
            if let other = memo.alternative(to: stack, matched: matched, next: nil) { return other.frames }
            // The section was the start of a remembered stack only.
            stack.forEachLine(count: matched) { _ = parse($0) }
        }
        if let memo, !lineEnds.isEmpty { memo.remember(bytes: lines, ends: lineEnds, frames: frames) }
        return frames
    }
}
