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
                // Numbers with decimals, and what follows them as a unit (durations: 1.5s, 300ms, 2m0s).
                var j = i
                while j < scalars.count, isDigit(scalars[j]) || scalars[j] == "." || scalars[j] == ":" && isDigitAt(scalars, j + 1) || scalars[j] == "-" && isDigitAt(scalars, j + 1) || scalars[j] == "T" && isDigitAt(scalars, j + 1) {
                    j += 1
                }
                var unitEnd = j
                while unitEnd < scalars.count, isDurationUnit(scalars[unitEnd]) { unitEnd += 1 }
                let unit = String(String.UnicodeScalarView(scalars[j..<unitEnd]))
                if !unit.isEmpty, isDuration(unit), unitEnd == scalars.count || !isAlnum(scalars[unitEnd]) {
                    // Durations such as 2m0s continue with more digits.
                    var k = unitEnd
                    while k < scalars.count, isDigit(scalars[k]) || scalars[k] == "." || isDurationUnit(scalars[k]) { k += 1 }
                    out += "<duration>"
                    i = k
                    continue
                }
                out += "<n>"
                i = j
                continue
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return out
    }

    private static func isDuration(_ unit: String) -> Bool {
        ["ns", "us", "µs", "ms", "s", "m", "h"].contains(unit) || unit.hasSuffix("s") && unit.count <= 3 && unit != "ss"
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
