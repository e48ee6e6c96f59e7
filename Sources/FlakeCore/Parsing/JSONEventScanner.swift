/// A hand-written scanner for one test2json event line. It decodes only the string fields
/// flaketui needs and skips the rest, because Foundation's JSON decoding dominates the cost
/// of reading `go test -json` logs.
struct JSONEventScanner {
    /// test2json's actions; anything else is `.other`.
    enum Action {
        case start, run, pause, cont, pass, fail, skip, bench, output, buildOutput, buildFail, other, missing

        init(_ bytes: ByteLine) {
            switch bytes.count {
            case 3: self = bytes.equals("run") ? .run : .other
            case 4:
                if bytes.equals("pass") {
                    self = .pass
                } else if bytes.equals("fail") {
                    self = .fail
                } else if bytes.equals("skip") {
                    self = .skip
                } else {
                    self = bytes.equals("cont") ? .cont : .other
                }
            case 5: self = bytes.equals("start") ? .start : bytes.equals("pause") ? .pause : bytes.equals("bench") ? .bench : .other
            case 6: self = bytes.equals("output") ? .output : .other
            case 10: self = bytes.equals("build-fail") ? .buildFail : .other
            case 12: self = bytes.equals("build-output") ? .buildOutput : .other
            default: self = .other
            }
        }

        /// The action at `i` in `line` (just after its opening quote) and the index after its
        /// closing quote, for the actions `go test -json` writes: told by the first byte and one
        /// compare, where finding the closing quote first was a `memchr` call on every line.
        static func known(in line: ByteLine, at i: Int) -> (action: Action, end: Int)? {
            guard i < line.count else { return nil }
            let rest = line.dropFirst(i)
            switch line[i] {
            case 0x6F: return rest.hasPrefix("output\"") ? (.output, i + 7) : nil
            case 0x72: return rest.hasPrefix("run\"") ? (.run, i + 4) : nil
            case 0x70: return rest.hasPrefix("pass\"") ? (.pass, i + 5) : rest.hasPrefix("pause\"") ? (.pause, i + 6) : nil
            case 0x66: return rest.hasPrefix("fail\"") ? (.fail, i + 5) : nil
            case 0x73: return rest.hasPrefix("skip\"") ? (.skip, i + 5) : rest.hasPrefix("start\"") ? (.start, i + 6) : nil
            case 0x63: return rest.hasPrefix("cont\"") ? (.cont, i + 5) : nil
            default: return nil
            }
        }
    }

    struct Event {
        var action = Action.missing
        var package = InternedName.empty
        var test = InternedName.empty
        var importPath = ""
        var hasOutput = false
        /// The output is a framing line of the event's own test (see `LastName.isFramed`),
        /// left undecoded: `output` is empty until `decodeOutput` is called.
        var outputFramesTest = false
        var failedBuild = ""

        /// Back to no fields, releasing only what is set (most events have no import path).
        mutating func clear() {
            package = .empty
            test = .empty
            clearAllButNames()
        }

        /// For a line in Go's order, which sets the package and says whether there is a test:
        /// the names are replaced, not released first.
        mutating func clearAllButNames() {
            action = .missing
            if !importPath.isEmpty { importPath = "" }
            hasOutput = false
            outputFramesTest = false
            if !failedBuild.isEmpty { failedBuild = "" }
        }
    }

    /// The last line's event, valid when `scan` returned true. Kept here and read in place:
    /// returned by value, its five strings were copied and released two or three times an event.
    private(set) var event = Event()

    /// Unescaped `Output` bytes of the last event scanned (valid until the next scan).
    let output = ByteBuffer()
    private let field = ByteBuffer(capacity: 256)
    /// Package and test names repeat on every event: decoded once.
    var interner: ByteInterner?
    /// The last package and test names: consecutive events nearly always repeat them, and a
    /// compare of their raw bytes is cheaper than a lookup.
    private let lastPackage = LastName()
    private let lastTest = LastName()
    /// `event.package` (`event.test`) is `lastPackage` (`lastTest`)'s string: a line that repeats
    /// it leaves the event as it is, with no string returned, stored or released.
    private var eventHoldsLastPackage = false
    private var eventHoldsLastTest = false
    /// The last line scanned named the same package, byte for byte, as the event before it (and
    /// `event.package` was left as it was).
    private(set) var packageRepeated = false
    /// Where the undecoded output of a framing line starts in its line.
    private var framingOutputStart = 0
    /// The length of the last `Time` value read in Go's order (-1 before the first).
    private var lastTimeLength = -1

    private final class LastName {
        private(set) var name = InternedName.empty
        /// The name's raw bytes, which are its own UTF-8 when it had no escapes. A name with
        /// escapes is never matched by its bytes (it is decoded each time: they are rare).
        private let raw = ByteBuffer(capacity: 128)
        private var comparable = false

        func remember(_ name: InternedName, raw bytes: ByteLine, escaped: Bool) {
            self.name = name
            comparable = !escaped
            raw.removeAll()
            if !escaped { raw.append(bytes.base, count: bytes.count) }
        }

        /// Whether `line` from `i` (just after the `Output` value's opening quote) to its end is
        /// `=== RUN   name\n"}`, `=== CONT  name\n"}` or `--- PASS: name (1.23s)\n"}` (indented
        /// or not), with this name. Go rewrites spaces in test names, so the ` (` is the duration's.
        func isFramed(in line: ByteLine, from i: Int) -> Bool {
            let n = raw.count
            guard comparable, n > 0 else { return false }
            var at = i
            if line.dropFirst(at).hasPrefix("=== RUN   ") || line.dropFirst(at).hasPrefix("=== CONT  ") {
                at += 10
                return at + n + 4 == line.count && memcmp(line.base + at, raw.base, n) == 0
                    && line.dropFirst(at + n).hasPrefix("\\n\"}")
            }
            while at < line.count, line[at] == 0x20 { at += 1 }
            guard line.dropFirst(at).hasPrefix("--- PASS: ") else { return false }
            at += 10
            guard at + n + 2 <= line.count, memcmp(line.base + at, raw.base, n) == 0, line.dropFirst(at + n).hasPrefix(" (")
            else { return false }
            at += n + 2
            let digits = at
            while at < line.count, line[at] &- 0x30 < 10 || line[at] == 0x2E { at += 1 }
            return at > digits && at + 6 == line.count && line.dropFirst(at).hasPrefix("s)\\n\"}")
        }

        /// The index after the closing quote when `line`, from `i` (just after an opening quote),
        /// holds this name's raw bytes and then a quote (which closes it: the bytes hold no
        /// backslash). Inlined: it runs for every name of every event.
        @inline(__always) func end(in line: ByteLine, from i: Int) -> Int? {
            let n = raw.count
            guard comparable, i + n < line.count, line[i + n] == 0x22, n == 0 || memcmp(line.base + i, raw.base, n) == 0
            else { return nil }
            return i + n + 1
        }
    }

    /// False when the line is not a JSON object; else the line's event is in `event`.
    mutating func scan(_ line: ByteLine) -> Bool {
        scanInGoOrder(line) || scanAnyOrder(line)
    }

    /// The line as `go test -json` writes it: `Time`, `Action`, `Package`, then `Test`,
    /// `Elapsed` and `Output` when present, matched as literals one after another. False for any
    /// other shape (another field, another order, spaces), which the general scan reads.
    private mutating func scanInGoOrder(_ line: ByteLine) -> Bool {
        guard line.hasPrefix("{\"Time\":\"") else { return false }
        var i = 9
        func literal(_ text: StaticString) -> Bool {
            guard line.dropFirst(i).hasPrefix(text) else { return false }
            i += text.utf8CodeUnitCount
            return true
        }
        // Where the last line's time ended first: Go writes times of one width line after line.
        // Inside a JSON string a quote is escaped, so a quote then `,"Action":"` ends the value.
        if lastTimeLength >= 0, line.dropFirst(9 + lastTimeLength).hasPrefix("\",\"Action\":\"") {
            i = 9 + lastTimeLength + 12
        } else {
            guard let timeEnd = line.firstIndex(of: 0x22, from: 9) else { return false }
            lastTimeLength = timeEnd - 9
            i = timeEnd + 1
            guard literal(",\"Action\":\"") else { return false }
        }
        event.clearAllButNames()
        if let known = Action.known(in: line, at: i) {
            event.action = known.action
            i = known.end
        } else {
            guard let actionEnd = line.firstIndex(of: 0x22, from: i) else { return false }
            event.action = Action(line.slice(i, actionEnd))
            i = actionEnd + 1
        }
        guard literal(",\"Package\":\"") else { return false }
        if eventHoldsLastPackage, let end = lastPackage.end(in: line, from: i) {
            packageRepeated = true
            i = end
        } else {
            packageRepeated = false
            guard let package = name(line, &i, lastPackage) else { return false }
            event.package = package
            eventHoldsLastPackage = true
        }
        if literal(",\"Test\":\"") {
            if eventHoldsLastTest, let end = lastTest.end(in: line, from: i) {
                i = end
            } else {
                guard let test = name(line, &i, lastTest) else { return false }
                event.test = test
                eventHoldsLastTest = true
            }
        } else {
            event.test = .empty
            eventHoldsLastTest = false
        }
        if literal(",\"Elapsed\":") {
            while i < line.count, line[i] != 0x2C, line[i] != 0x7D { i += 1 }
        }
        output.removeAll()
        if literal(",\"Output\":\"") {
            // A test's framing lines are a third of its output events, and the stream mostly has
            // nothing to do with them: whether they are decoded is left to the caller.
            if event.action == .output, eventHoldsLastTest, lastTest.isFramed(in: line, from: i) {
                event.hasOutput = true
                event.outputFramesTest = true
                framingOutputStart = i
                return true
            }
            guard unescape(line, from: i, into: output, next: &i) else { return false }
            event.hasOutput = true
        }
        guard i < line.count, line[i] == 0x7D else { return false }
        return true
    }

    /// A package or test name at `i` (just after its opening quote): `last`'s string when the
    /// bytes repeat it, else decoded, interned and remembered in `last`. `i` moves past the
    /// closing quote.
    private mutating func name(_ line: ByteLine, _ i: inout Int, _ last: LastName) -> InternedName? {
        if let end = last.end(in: line, from: i) {
            i = end
            return last.name
        }
        guard let end = rawStringEnd(line, from: i) else { return nil }
        let raw = line.slice(i, end)
        let value: InternedName
        let escaped = raw.firstIndex(of: 0x5C) != nil
        if escaped {
            guard unescape(line, from: i, into: field, next: &i) else { return nil }
            value = InternedName(field.bytes, interner: interner)
        } else {
            // Nothing to unescape: the name is its raw bytes.
            value = InternedName(raw, interner: interner)
            i = end + 1
        }
        last.remember(value, raw: raw, escaped: escaped)
        return value
    }

    /// Decodes the output of a framing line into `output`; `line` is the one last scanned.
    mutating func decodeOutput(of line: ByteLine) {
        guard event.outputFramesTest else { return }
        var next = 0
        _ = unescape(line, from: framingOutputStart, into: output, next: &next)
        event.outputFramesTest = false
    }

    private mutating func scanAnyOrder(_ line: ByteLine) -> Bool {
        var i = 0
        skipSpace(line, &i)
        guard i < line.count, line[i] == 0x7B else { return false }
        i += 1
        event.clear()
        eventHoldsLastPackage = false
        eventHoldsLastTest = false
        packageRepeated = false
        output.removeAll()
        while true {
            skipSpace(line, &i)
            guard i < line.count else { return false }
            if line[i] == 0x7D { return true }
            if line[i] == 0x2C {
                i += 1
                continue
            }
            guard line[i] == 0x22, let keyEnd = rawStringEnd(line, from: i + 1) else { return false }
            let key = line.slice(i + 1, keyEnd)
            i = keyEnd + 1
            skipSpace(line, &i)
            guard i < line.count, line[i] == 0x3A else { return false }
            i += 1
            skipSpace(line, &i)
            guard i < line.count else { return false }
            if line[i] == 0x22 {
                let wanted = Self.field(key)
                if wanted == .output {
                    guard unescape(line, from: i + 1, into: output, next: &i) else { return false }
                    event.hasOutput = true
                } else if wanted == .action {
                    // Actions never need unescaping.
                    guard let end = rawStringEnd(line, from: i + 1) else { return false }
                    event.action = Action(line.slice(i + 1, end))
                    i = end + 1
                } else if wanted == .package {
                    i += 1
                    guard let value = name(line, &i, lastPackage) else { return false }
                    event.package = value
                } else if wanted == .test {
                    i += 1
                    guard let value = name(line, &i, lastTest) else { return false }
                    event.test = value
                } else if wanted != .none {
                    guard unescape(line, from: i + 1, into: field, next: &i) else { return false }
                    let value = decodedField()
                    switch wanted {
                    case .importPath: event.importPath = value
                    case .failedBuild: event.failedBuild = value
                    case .action, .package, .test, .output, .none: break
                    }
                } else {
                    guard let end = rawStringEnd(line, from: i + 1) else { return false }
                    i = end + 1
                }
            } else {
                guard skipValue(line, &i) else { return false }
            }
        }
    }

    private enum Field { case action, package, test, importPath, output, failedBuild, none }

    private func decodedField() -> String {
        interner?.string(field.bytes) ?? field.bytes.string
    }

    private static func field(_ key: ByteLine) -> Field {
        if key.equals("Action") { return .action }
        if key.equals("Package") { return .package }
        if key.equals("Test") { return .test }
        if key.equals("Output") { return .output }
        if key.equals("ImportPath") { return .importPath }
        if key.equals("FailedBuild") { return .failedBuild }
        return .none
    }

    private func skipSpace(_ line: ByteLine, _ i: inout Int) {
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D { i += 1 }
    }

    /// Index of the closing quote of a string starting at `from`.
    @inline(__always) private func rawStringEnd(_ line: ByteLine, from: Int) -> Int? {
        var i = from
        while i < line.count {
            guard let quote = line.firstIndex(of: 0x22, from: i) else { return nil }
            var backslashes = 0, j = quote - 1
            while j >= from, line[j] == 0x5C {
                backslashes += 1
                j -= 1
            }
            if backslashes % 2 == 0 { return quote }
            i = quote + 1
        }
        return nil
    }

    /// Numbers, booleans, null, nested objects and arrays (skipped, not decoded).
    private func skipValue(_ line: ByteLine, _ i: inout Int) -> Bool {
        var depth = 0
        while i < line.count {
            let byte = line[i]
            if byte == 0x22 {
                guard let end = rawStringEnd(line, from: i + 1) else { return false }
                i = end + 1
                continue
            }
            if byte == 0x7B || byte == 0x5B { depth += 1 } else if byte == 0x7D || byte == 0x5D {
                if depth == 0 { return true }
                depth -= 1
            } else if byte == 0x2C, depth == 0 {
                return true
            }
            i += 1
        }
        return false
    }

    private func unescape(_ line: ByteLine, from start: Int, into buffer: ByteBuffer, next: inout Int) -> Bool {
        buffer.removeAll()
        var i = start
        while i < line.count {
            let byte = line[i]
            if byte == 0x22 {
                next = i + 1
                return true
            }
            guard byte == 0x5C else {
                // Copy the run up to the next quote or backslash at once.
                let j = line.firstQuoteOrBackslash(from: i + 1) ?? line.count
                buffer.append(line.base + i, count: j - i)
                i = j
                continue
            }
            if let next = JSONEscape.decode(line, at: i, end: line.count, into: buffer) {
                i = next
                continue
            }
            // Not an escape JSON has: a bad `\u` fails the line; any other letter is kept as it is.
            guard i + 1 < line.count, line[i + 1] != 0x75 else { return false }
            buffer.append(line[i + 1])
            i += 2
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
