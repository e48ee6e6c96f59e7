import Foundation

/// Picks the architecture and Go version out of lines such as `go version go1.19.8 linux/s390x`,
/// `GOARCH="arm64"` (go env) and `goarch: amd64` (benchmark headers).
struct ContentSniffer {
    private var done = false

    /// Every line passes here: the test that rules a line out is inlined at the call.
    @inline(__always)
    mutating func inspect(_ line: ByteLine, into log: inout ParsedLog) {
        guard !done, line.count > 7, line[0] == 0x67 /* g */ || line[0] == 0x47 /* G */ else { return }
        inspectCandidate(line, into: &log)
    }

    private mutating func inspectCandidate(_ line: ByteLine, into log: inout ParsedLog) {
        if line.hasPrefix("go version go") {
            let text = line.trimmed().string
            let parts = text.split(separator: " ")
            if parts.count >= 4 {
                log.goVersion = String(parts[2])
                if let slash = parts[3].firstIndex(of: "/") {
                    record(String(parts[3][parts[3].index(after: slash)...]), evidence: text, into: &log)
                }
            }
            return
        }
        var value: ByteLine?
        if line.hasPrefix("GOARCH=") {
            value = line.dropFirst(7)
        } else if line.hasPrefix("goarch: ") {
            value = line.dropFirst(8)
        }
        guard let raw = value else { return }
        let cleaned = raw.trimmed().string.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        record(cleaned, evidence: line.trimmed().string, into: &log)
    }

    private mutating func record(_ candidate: String, evidence: String, into log: inout ParsedLog) {
        guard let arch = ArchNames.canonical(candidate) else { return }
        log.contentArch = ContentArch(arch: arch, evidence: evidence)
        done = true
    }
}

