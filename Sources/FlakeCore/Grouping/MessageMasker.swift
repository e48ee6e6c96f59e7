/// Masks what differs between runs of the same failure (numbers, hex, pointers, UUIDs,
/// timestamps, durations, temporary paths), in the spirit of Kubernetes' triage, so that
/// one assertion failing with different values is one group.
public enum MessageMasker {
    public static func mask(_ message: String) -> String {
        var out = ""
        out.reserveCapacity(message.utf8.count)
        let scalars = Array(message.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            // Temporary paths: /tmp/… up to whitespace.
            if c == "/", matches(scalars, i, "/tmp/") || matches(scalars, i, "/var/folders/") {
                out += "<tmp>"
                while i < scalars.count, !isSpace(scalars[i]), scalars[i] != ":" || !isDigitAt(scalars, i + 1) { i += 1 }
                continue
            }
            // Hex: 0x… pointers and addresses.
            if c == "0", i + 2 < scalars.count, scalars[i + 1] == "x", isHex(scalars[i + 2]) {
                out += "0x<hex>"
                i += 2
                while i < scalars.count, isHex(scalars[i]) { i += 1 }
                continue
            }
            if isAlnum(c), !isWordBoundary(scalars, i) {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            // UUIDs: 8-4-4-4-12 hex.
            if isHex(c), let end = uuidEnd(scalars, i) {
                out += "<uuid>"
                i = end
                continue
            }
            // Long hex words (hashes, container ids) of 12+ hex digits with a digit in them.
            if isHex(c) {
                var j = i
                var hasDigit = false
                while j < scalars.count, isHex(scalars[j]) {
                    if isDigit(scalars[j]) { hasDigit = true }
                    j += 1
                }
                if j - i >= 12, hasDigit, j == scalars.count || !isAlnum(scalars[j]) {
                    out += "<hex>"
                    i = j
                    continue
                }
            }
            if isDigit(c) {
                if let end = durationEnd(scalars, i) {
                    out += "<duration>"
                    i = end
                    continue
                }
                // Numbers, decimals, dates and times (2026-11-25T13:44:44.123Z) are one value.
                var j = i
                var sawTime = false
                while j < scalars.count,
                    isDigit(scalars[j]) || (scalars[j] == "." || scalars[j] == ":" || scalars[j] == "-") && isDigitAt(scalars, j + 1)
                        || scalars[j] == "T" && isDigitAt(scalars, j + 1) && j > i
                {
                    if scalars[j] == "T" || scalars[j] == ":" { sawTime = true }
                    j += 1
                }
                if sawTime, j < scalars.count, scalars[j] == "Z" { j += 1 }
                out += sawTime ? "<time>" : "<n>"
                i = j
                continue
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return out
    }

    /// `1.5s`, `300ms`, `2m30s`, `1h2m3.5s`: the index after the duration, or nil.
    private static func durationEnd(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start, end: Int?
        while i < s.count, isDigit(s[i]) {
            while i < s.count, isDigit(s[i]) || s[i] == "." && isDigitAt(s, i + 1) { i += 1 }
            let unitStart = i
            while i < s.count, isDurationUnit(s[i]) { i += 1 }
            let unit = String(String.UnicodeScalarView(s[unitStart..<i]))
            guard ["ns", "us", "µs", "ms", "s", "m", "h"].contains(unit) else { break }
            end = i
        }
        guard let end, end == s.count || !isAlnum(s[end]) else { return nil }
        return end
    }

    private static func isDurationUnit(_ c: Unicode.Scalar) -> Bool {
        c == "n" || c == "u" || c == "µ" || c == "m" || c == "s" || c == "h"
    }

    private static func matches(_ s: [Unicode.Scalar], _ i: Int, _ literal: String) -> Bool {
        var k = i
        for c in literal.unicodeScalars {
            guard k < s.count, s[k] == c else { return false }
            k += 1
        }
        return true
    }

    private static func uuidEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var k = i
        for (index, length) in [8, 4, 4, 4, 12].enumerated() {
            for _ in 0..<length {
                guard k < s.count, isHex(s[k]) else { return nil }
                k += 1
            }
            if index < 4 {
                guard k < s.count, s[k] == "-" else { return nil }
                k += 1
            }
        }
        return k == s.count || !isAlnum(s[k]) ? k : nil
    }

    /// A character inside a word (`abc123`): digits there are part of a name, not a value.
    private static func isWordBoundary(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        i == 0 || !(isAlnum(s[i - 1]) || s[i - 1] == "_")
    }

    private static func isDigitAt(_ s: [Unicode.Scalar], _ i: Int) -> Bool { i < s.count && isDigit(s[i]) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private static func isHex(_ c: Unicode.Scalar) -> Bool { isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F") }
    private static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }
    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" }
}
