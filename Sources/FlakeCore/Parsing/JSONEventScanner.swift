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
    }

    struct Event {
        var action = Action.missing
        var package = ""
        var test = ""
        var importPath = ""
        var hasOutput = false
        var failedBuild = ""

        /// Back to no fields, releasing only what is set (most events have no import path).
        mutating func clear() {
            if !package.isEmpty { package = "" }
            if !test.isEmpty { test = "" }
            clearAllButNames()
        }

        /// For a line in Go's order, which sets the package and says whether there is a test:
        /// the names are replaced, not released first.
        mutating func clearAllButNames() {
            action = .missing
            if !importPath.isEmpty { importPath = "" }
            hasOutput = false
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
    /// The last package and test names, by their escaped bytes: consecutive events nearly always
    /// repeat them, and a compare is cheaper than a lookup.
    private var lastPackage = LastValue()
    private var lastTest = LastValue()
    /// `event.package` (`event.test`) is `lastPackage` (`lastTest`)'s string, whose raw bytes
    /// (without escapes) are `lastPackageBytes` (`lastTestBytes`): a line that repeats them is
    /// one compare, and leaves the event as it is, with no string returned, stored or released.
    private var eventHoldsLastPackage = false
    private var eventHoldsLastTest = false
    /// The last line scanned named the same package, byte for byte, as the event before it (and
    /// `event.package` was left as it was).
    private(set) var packageRepeated = false
    private let lastPackageBytes = ByteBuffer(capacity: 128)
    private let lastTestBytes = ByteBuffer(capacity: 128)

    private struct LastValue {
        var string = ""
        /// The raw bytes had no escapes, so they are the string's own UTF-8 and a compare with
        /// the string finds them (a name with escapes is decoded each time: they are rare).
        var comparable = false

        /// The string for raw (still escaped) bytes, if they are the last ones seen. Inlined, as
        /// `rawStringEnd` is: both run for every name of every event, and their calls showed.
        @inline(__always) func matching(_ raw: ByteLine) -> String? {
            comparable && raw.equals(string) ? string : nil
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
        guard line.hasPrefix("{\"Time\":\""), let timeEnd = line.firstIndex(of: 0x22, from: 9) else { return false }
        var i = timeEnd + 1
        func literal(_ text: StaticString) -> Bool {
            guard line.dropFirst(i).hasPrefix(text) else { return false }
            i += text.utf8CodeUnitCount
            return true
        }
        guard literal(",\"Action\":\""), let actionEnd = line.firstIndex(of: 0x22, from: i) else { return false }
        event.clearAllButNames()
        event.action = Action(line.slice(i, actionEnd))
        i = actionEnd + 1
        guard literal(",\"Package\":\"") else { return false }
        packageRepeated = eventHoldsLastPackage && repeatsLast(line, &i, lastPackageBytes)
        if !packageRepeated {
            guard let package = name(line, &i, .package) else { return false }
            event.package = package
            eventHoldsLastPackage = lastPackage.comparable
        }
        if literal(",\"Test\":\"") {
            if !(eventHoldsLastTest && repeatsLast(line, &i, lastTestBytes)) {
                guard let test = name(line, &i, .test) else { return false }
                event.test = test
                eventHoldsLastTest = lastTest.comparable
            }
        } else {
            if !event.test.isEmpty { event.test = "" }
            eventHoldsLastTest = false
        }
        if literal(",\"Elapsed\":") {
            while i < line.count, line[i] != 0x2C, line[i] != 0x7D { i += 1 }
        }
        output.removeAll()
        if literal(",\"Output\":\"") {
            guard unescape(line, from: i, into: output, next: &i) else { return false }
            event.hasOutput = true
        }
        guard i < line.count, line[i] == 0x7D else { return false }
        return true
    }

    /// Whether the name at `i` (just after its opening quote) is `last` again; if so, `i` moves
    /// past its closing quote. `last` has no backslash, so a quote right after it closes the name.
    @inline(__always) private func repeatsLast(_ line: ByteLine, _ i: inout Int, _ last: ByteBuffer) -> Bool {
        let n = last.count
        guard i + n < line.count, line[i + n] == 0x22, n == 0 || memcmp(line.base + i, last.base, n) == 0 else { return false }
        i += n + 1
        return true
    }

    /// A package or test name at `i` (just after its opening quote): the last one seen when the
    /// bytes repeat it, else decoded and interned. `i` moves past the closing quote.
    private mutating func name(_ line: ByteLine, _ i: inout Int, _ which: NameField) -> String? {
        guard let end = rawStringEnd(line, from: i) else { return nil }
        let raw = line.slice(i, end)
        if let known = which == .package ? lastPackage.matching(raw) : lastTest.matching(raw) {
            i = end + 1
            return known
        }
        let value: String
        let escaped = raw.firstIndex(of: 0x5C) != nil
        if escaped {
            guard unescape(line, from: i, into: field, next: &i) else { return nil }
            value = decodedField()
        } else {
            // Nothing to unescape: the name is its raw bytes.
            value = interner?.string(raw) ?? raw.string
            i = end + 1
        }
        let last = LastValue(string: value, comparable: !escaped)
        let lastBytes = which == .package ? lastPackageBytes : lastTestBytes
        lastBytes.removeAll()
        if escaped {
            // Never repeated by bytes (see `repeatsLast`): a quote cannot follow at any count.
            if which == .package { eventHoldsLastPackage = false } else { eventHoldsLastTest = false }
        } else {
            lastBytes.append(raw.base, count: raw.count)
        }
        if which == .package { lastPackage = last } else { lastTest = last }
        return value
    }

    private enum NameField { case package, test }

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
                    guard let value = name(line, &i, .package) else { return false }
                    event.package = value
                } else if wanted == .test {
                    i += 1
                    guard let value = name(line, &i, .test) else { return false }
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
