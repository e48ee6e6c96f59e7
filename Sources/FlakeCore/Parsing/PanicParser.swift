/// A `panic:` line and the goroutine dump after it: the message, the panicking goroutine's
/// stack and, for `panic: test timed out after …`, the tests that were running (from Go ≥ 1.20's
/// `running tests:` list, else from the Test functions on the dumped stacks).
struct PanicParser {
    private enum Phase {
        case idle
        case message
        case runningTests
        /// The panicking goroutine's stack, collected in `frames`.
        case stack
        /// The other goroutines of the dump; `timeoutIndex` names a timeout still collecting tests.
        case dump
    }

    /// The phase and the open panic are kept apart, and the event is changed in place: as an
    /// enum's payload, each line of a panic copied the event out and back (and retained its
    /// strings).
    private var phase: Phase = .idle
    /// The open panic, in `.message`, `.runningTests` and `.stack`.
    private var event: PanicEvent?
    /// In `.dump`: the completed timeout still collecting the tests its dump names.
    private var timeoutIndex: Int?
    private var completed: [PanicEvent] = []
    /// The test running when the panic began: the fallback when no stack names one.
    private var runningTest: String?
    private let interner: ByteInterner?
    /// The stack of the panic in `.stack`; kept outside the event so that a line is added in
    /// place (inside it, each line copied the collector and its arrays).
    private var frames: FrameCollector

    init(interner: ByteInterner?) {
        self.interner = interner
        frames = FrameCollector(interner: interner)
    }

    var isActive: Bool { phase != .idle }

    /// `text` starts with `panic: `.
    mutating func start(_ text: ByteLine, lineNumber: Int, package: String, currentTest: String?) {
        close()
        var message = text.dropFirst(7)
        if message.hasSuffix(" [recovered]") { message = message.prefix(message.count - 12) }
        event = PanicEvent(
            package: package, test: nil, message: message.string, frames: [], line: lineNumber,
            isTimeout: message.hasPrefix("test timed out after "), runningTests: [])
        phase = .message
        runningTest = currentTest
    }

    /// True when the line belonged to the panic. False means the panic ended before this line,
    /// which the caller then reads as ordinary output.
    mutating func feed(_ line: ByteLine) -> Bool {
        let text = line.trimmed()
        let goroutineHeader = text.hasPrefix("goroutine ") && text.hasSuffix(":")
        switch phase {
        case .idle:
            return false
        case .stack where !text.isEmpty && !goroutineHeader:
            if frames.feed(trimmed: text) { return true }
        case .dump where !text.isEmpty && !goroutineHeader:
            if let function = StackLines.functionBytes(trimmed: text) {
                // Only a timeout's dump names tests: the function is decoded for that alone.
                if timeoutIndex != nil { addRunningTest(from: interner?.string(function) ?? function.string) }
                return true
            }
            if StackLines.locationBytes(trimmed: text) != nil || text.hasPrefix("created by ") || text.hasPrefix("...") {
                return true
            }
        case .message:
            if text.isEmpty || text.hasPrefix("panic: ") {
                // A re-panic (`panic: x [recovered]` then `\tpanic: x`) is the same panic.
                return true
            }
            if text.equals("running tests:") {
                phase = .runningTests
                return true
            }
            if goroutineHeader {
                phase = .stack
                return true
            }
            if event!.message.utf8.count < 2000 || event!.message.count < 2000, line.indentation == 0 || text.hasPrefix("["), !Self.endsTheBinary(text) {
                event!.message += "\n" + text.string
                return true
            }
        case .runningTests:
            if text.isEmpty { return true }
            if goroutineHeader {
                phase = .stack
                return true
            }
            if line.indentation > 0 {
                var name = text
                if let paren = name.range(of: " (") { name = name.prefix(paren) }
                event!.runningTests.append(name.string)
                return true
            }
        case .stack:
            // An empty line or the next goroutine's header (frames were read above) ends the stack.
            var finished = event!
            event = nil
            finished.frames = frames.take()
            completed.append(finished)
            phase = .dump
            timeoutIndex = finished.isTimeout ? completed.count - 1 : nil
            if finished.isTimeout { for frame in finished.frames { addRunningTest(from: frame.function) } }
            return true
        case .dump:
            // Between the dump's goroutines (its frames were read above).
            return true
        }
        close()
        return false
    }

    /// Closes an open panic (at the end of the log, or when another begins).
    mutating func close() {
        if var open = event {
            event = nil
            if phase == .stack { open.frames = frames.take() }
            completed.append(open)
        }
        phase = .idle
        timeoutIndex = nil
    }

    /// Completed panics, each with its test: from its stack, else the one running when it
    /// began. Called once the parser is idle again, so a timeout's dump is complete.
    mutating func drain() -> [PanicEvent] {
        var events = completed
        completed = []
        for index in events.indices where events[index].test == nil {
            events[index].test =
                events[index].frames.lazy.compactMap { TestNames.split(function: $0.function)?.test }.first ?? runningTest
        }
        return events
    }

    private mutating func addRunningTest(from function: String) {
        guard phase == .dump, let index = timeoutIndex, let test = TestNames.split(function: function)?.test else { return }
        // `running tests:` names subtests; a stack only names the top-level function.
        let listed = completed[index].runningTests
        if listed.contains(where: { $0 == test || $0.hasPrefix(test + "/") }) { return }
        completed[index].runningTests.append(test)
    }

    /// Lines after which nothing more of the panic follows.
    private static func endsTheBinary(_ text: ByteLine) -> Bool {
        text.hasPrefix("FAIL") || text.hasPrefix("ok ") || text.hasPrefix("exit status") || text.hasPrefix("---")
            || text.hasPrefix("===")
    }
}
