/// A `panic:` line and the goroutine dump after it: the message, the panicking goroutine's
/// stack and, for `panic: test timed out after …`, the tests that were running (from Go ≥ 1.20's
/// `running tests:` list, else from the Test functions on the dumped stacks).
struct PanicParser {
    private enum State {
        case idle
        case message(PanicEvent)
        case runningTests(PanicEvent)
        /// The panicking goroutine's stack, collected in `frames`.
        case stack(PanicEvent)
        /// The other goroutines of the dump; `timeoutIndex` names a timeout still collecting tests.
        case dump(timeoutIndex: Int?)
    }

    private var state: State = .idle
    private var completed: [PanicEvent] = []
    /// The test running when the panic began: the fallback when no stack names one.
    private var runningTest: String?
    private let interner: ByteInterner?
    /// The stack of the panic in `.stack`; kept outside the state so that a line is added in
    /// place (inside the enum, each line copied the collector and its arrays).
    private var frames: FrameCollector

    init(interner: ByteInterner?) {
        self.interner = interner
        frames = FrameCollector(interner: interner)
    }

    var isActive: Bool {
        if case .idle = state { false } else { true }
    }

    /// `text` starts with `panic: `.
    mutating func start(_ text: ByteLine, lineNumber: Int, package: String, currentTest: String?) {
        close()
        var message = text.dropFirst(7)
        if message.hasSuffix(" [recovered]") { message = message.prefix(message.count - 12) }
        state = .message(
            PanicEvent(
                package: package, test: nil, message: message.string, frames: [], line: lineNumber,
                isTimeout: message.hasPrefix("test timed out after "), runningTests: []))
        runningTest = currentTest
    }

    /// True when the line belonged to the panic. False means the panic ended before this line,
    /// which the caller then reads as ordinary output.
    mutating func feed(_ line: ByteLine) -> Bool {
        let text = line.trimmed()
        let goroutineHeader = text.hasPrefix("goroutine ") && text.hasSuffix(":")
        // Most lines of a panic are frames, of its stack or of the dump. They are read here
        // without binding the event out of the state: that copied it (and retained its
        // strings) on every line.
        switch state {
        case .stack where !text.isEmpty && !goroutineHeader:
            if frames.feed(trimmed: text) { return true }
            close()
            return false
        case .dump(let timeoutIndex) where !text.isEmpty && !goroutineHeader:
            if let function = StackLines.functionBytes(trimmed: text) {
                // Only a timeout's dump names tests: the function is decoded for that alone.
                if timeoutIndex != nil { addRunningTest(from: interner?.string(function) ?? function.string) }
                return true
            }
            if StackLines.locationBytes(trimmed: text) != nil || text.hasPrefix("created by ") || text.hasPrefix("...") {
                return true
            }
            close()
            return false
        default:
            break
        }
        switch state {
        case .idle:
            return false
        case .message(var event):
            if text.isEmpty || text.hasPrefix("panic: ") {
                // A re-panic (`panic: x [recovered]` then `\tpanic: x`) is the same panic.
                return true
            }
            if text.equals("running tests:") {
                state = .runningTests(event)
                return true
            }
            if goroutineHeader {
                state = .stack(event)
                return true
            }
            if event.message.count < 2000, line.indentation == 0 || text.hasPrefix("["),
                !Self.endsTheBinary(text)
            {
                event.message += "\n" + text.string
                state = .message(event)
                return true
            }
        case .runningTests(var event):
            if text.isEmpty { return true }
            if goroutineHeader {
                state = .stack(event)
                return true
            }
            if line.indentation > 0 {
                var name = text
                if let paren = name.range(of: " (") { name = name.prefix(paren) }
                event.runningTests.append(name.string)
                state = .runningTests(event)
                return true
            }
        case .stack(var event):
            // An empty line or the next goroutine's header (frames were read above) ends the stack.
            event.frames = frames.take()
            completed.append(event)
            state = .dump(timeoutIndex: event.isTimeout ? completed.count - 1 : nil)
            if event.isTimeout { for frame in event.frames { addRunningTest(from: frame.function) } }
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
        switch state {
        case .message(let event), .runningTests(let event): completed.append(event)
        case .stack(var event):
            event.frames = frames.take()
            completed.append(event)
        case .idle, .dump: break
        }
        state = .idle
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
        guard case .dump(let index?) = state, let test = TestNames.split(function: function)?.test else { return }
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
