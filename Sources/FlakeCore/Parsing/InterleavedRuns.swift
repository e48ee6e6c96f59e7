/// Notices a file that holds more than one run of the same package: two `go test` processes
/// writing to one log (their lines interleaved), or logs concatenated. Nothing in the text tells
/// the lines apart again, so the file stays one run; the problem says so.
enum InterleavedRuns {
    static func warnings(_ log: ParsedLog) -> [String] {
        // Most files hold one package result: nothing can repeat, and no table is made.
        guard log.packages.count > 1 else { return [] }
        // A lane's log finishes hundreds of packages: names hashed with `ByteHash`, not SipHash.
        var finished: [HashedString: Int] = [:]
        for package in log.packages where !package.name.isEmpty { finished[HashedString(package.name), default: 0] += 1 }
        let repeated = finished.filter { $0.value > 1 }.map { ($0.key.string, $0.value) }.sorted { $0.0 < $1.0 }
        guard !repeated.isEmpty else { return [] }
        let names = repeated.prefix(3).map { "\($0.0) (\($0.1)×)" }.joined(separator: ", ")
        return ["package results repeat in one file: \(names)\(repeated.count > 3 ? ", …" : ""); two runs interleaved or concatenated? read as one run"]
    }
}
