/// Builds one `RaceReport` from the lines between `WARNING: DATA RACE` and the closing
/// `==================`. Lines it does not recognise are handed back, because other
/// goroutines' output can interleave with a report.
struct RaceReportParser {
    enum Section {
        case access(kind: AccessKind, atomic: Bool, previous: Bool, address: String?, goroutine: Goroutine)
        case creation(goroutine: Int, state: String)
        case heap(size: Int, address: String, goroutine: Goroutine)
        case none
    }

    private(set) var report: RaceReport
    private var section: Section = .none
    private var frames: FrameCollector
    private var stackUnavailable = false

    init(runID: Int, startLine: Int, interner: ByteInterner?) {
        frames = FrameCollector(interner: interner)
        report = RaceReport(occurrence: Occurrence(runID: runID, line: startLine), endLine: startLine)
    }

    /// Returns false when the line is not part of the report. `text` is `line` trimmed (the
    /// caller has trimmed it already).
    mutating func feed(_ line: ByteLine, trimmed text: ByteLine, lineNumber: Int) -> Bool {
        if text.isEmpty {
            return true
        }
        if text.hasPrefix("[failed to restore the stack]") {
            stackUnavailable = true
            report.endLine = lineNumber
            return true
        }
        if line.indentation > 0 {
            guard frames.feed(trimmed: text) else { return false }
            report.endLine = lineNumber
            return true
        }
        if let header = Self.header(text) {
            closeSection()
            section = header
            report.endLine = lineNumber
            return true
        }
        if text.hasPrefix("Global var ") {
            closeSection()
            report.location = Self.global(text)
            report.endLine = lineNumber
            return true
        }
        return false
    }

    /// The report as it stands; `truncated` when the log ended before the separator.
    mutating func finish(truncated: Bool) -> RaceReport {
        closeSection()
        report.truncated = truncated || report.accesses.count < 2
        return report
    }

    private mutating func closeSection() {
        let stack = frames.take()
        defer {
            section = .none
            stackUnavailable = false
        }
        switch section {
        case let .access(kind, atomic, previous, address, goroutine):
            report.accesses.append(
                RaceAccess(
                    kind: kind, atomic: atomic, previous: previous, address: address, goroutine: goroutine,
                    frames: stack, stackUnavailable: stackUnavailable))
        case let .creation(goroutine, state):
            report.creations.append(GoroutineCreation(goroutine: goroutine, state: state, frames: stack))
        case let .heap(size, address, goroutine):
            report.location = .heap(size: size, address: address, goroutine: goroutine, frames: stack)
        case .none:
            break
        }
    }

    /// Section headers: accesses, goroutine creations and heap blocks.
    static func header(_ text: ByteLine) -> Section? {
        guard text.count > 0, text[text.count - 1] == 0x3A /* : */ else { return nil }
        var rest = text.prefix(text.count - 1)
        var previous = false, atomic = false
        if rest.hasPrefix("Previous ") {
            previous = true
            rest = rest.dropFirst(9)
        }
        if rest.hasPrefix("Atomic ") || rest.hasPrefix("atomic ") {
            atomic = true
            rest = rest.dropFirst(7)
        }
        let kind: AccessKind
        if rest.hasPrefix("Write") || rest.hasPrefix("write") {
            kind = .write
            rest = rest.dropFirst(5)
        } else if rest.hasPrefix("Read") || rest.hasPrefix("read") {
            kind = .read
            rest = rest.dropFirst(4)
        } else if rest.hasPrefix("Goroutine "), !previous, !atomic {
            return creation(rest.dropFirst(10))
        } else if rest.hasPrefix("Heap block of size "), !previous, !atomic {
            return heap(rest.dropFirst(19))
        } else {
            return nil
        }
        // Old Go printed `Read by goroutine 185:` without the address.
        var address: String?
        if rest.hasPrefix(" at ") {
            let tail = rest.dropFirst(4)
            guard let space = tail.firstIndex(of: 0x20) else { return nil }
            address = tail.prefix(space).string
            rest = tail.dropFirst(space)
        }
        guard rest.hasPrefix(" by "), let goroutine = goroutine(rest.dropFirst(4)) else { return nil }
        return .access(kind: kind, atomic: atomic, previous: previous, address: address, goroutine: goroutine)
    }

    /// `goroutine 7` or `main goroutine`.
    static func goroutine(_ text: ByteLine) -> Goroutine? {
        if text.equals("main goroutine") { return .main }
        if text.hasPrefix("goroutine "), let (n, end) = text.integer(at: 10), end == text.count { return .id(n) }
        return nil
    }

    /// `8 (running) created at` (after `Goroutine `).
    private static func creation(_ text: ByteLine) -> Section? {
        guard let (n, end) = text.integer(at: 0), text.slice(end, text.count).hasPrefix(" ("),
            let close = text.firstIndex(of: 0x29, from: end), text.slice(close, text.count).equals(") created at")
        else { return nil }
        return .creation(goroutine: n, state: text.slice(end + 2, close).string)
    }

    /// `16 at 0x00c000118000 allocated by goroutine 7` (after `Heap block of size `).
    private static func heap(_ text: ByteLine) -> Section? {
        guard let (size, end) = text.integer(at: 0) else { return nil }
        var rest = text.dropFirst(end)
        guard rest.hasPrefix(" at ") else { return nil }
        rest = rest.dropFirst(4)
        guard let space = rest.firstIndex(of: 0x20) else { return nil }
        let address = rest.prefix(space).string
        rest = rest.dropFirst(space)
        guard rest.hasPrefix(" allocated by "), let goroutine = goroutine(rest.dropFirst(14)) else { return nil }
        return .heap(size: size, address: address, goroutine: goroutine)
    }

    /// `Global var Handler of size 8 at 0x0000012a4b40 declared at /path/file.go:12`.
    static func global(_ text: ByteLine) -> RaceLocation? {
        let rest = text.dropFirst(11)
        guard let ofSize = rest.range(of: " of size ") else { return nil }
        let name = rest.prefix(ofSize).string
        let afterName = rest.dropFirst(ofSize + 9)
        guard let (size, end) = afterName.integer(at: 0) else { return nil }
        var tail = afterName.dropFirst(end)
        guard tail.hasPrefix(" at ") else { return nil }
        tail = tail.dropFirst(4)
        guard let space = tail.firstIndex(of: 0x20) else { return nil }
        let address = tail.prefix(space).string
        tail = tail.dropFirst(space)
        guard tail.hasPrefix(" declared at "), let (file, line) = StackLines.location(tail.dropFirst(13)) else {
            return .global(name: name, size: size, address: address, file: "", line: 0)
        }
        return .global(name: name, size: size, address: address, file: file, line: line)
    }
}
