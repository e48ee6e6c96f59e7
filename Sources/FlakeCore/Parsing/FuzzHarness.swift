import Foundation

/// Arbitrary bytes through every reader flaketui has: the body of the fuzz target
/// (`Sources/FlakeFuzz`, `scripts/fuzz.sh`) and of the test that replays every crash it found.
/// It also checks one property: a log read in chunks parses like the same bytes read whole.
enum FuzzHarness {
    static func exercise(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let cap = 1 << 12  // small, so that long-line handling is exercised too
        let start = base.assumingMemoryBound(to: UInt8.self)
        _ = BinarySniffer.binaryKind(ByteLine(base: start, count: min(bytes.count, 8192)))
        _ = GitHubActionsTimestamp.parse(ByteLine(base: start, count: bytes.count))

        var whole = QualityCheckedLines(BufferLines(bytes, maxLineBytes: cap))
        let log = LogParser(runID: 0).parse(&whole)
        _ = whole.quality.problems

        // The same bytes twice through a worker's memos (its names, stacks, race reports and runs
        // of framing lines): the second time, every report and run read whole the first time is
        // found again (a report kept as its numbers, a run's lines stepped over). Both parse as
        // the bytes do without memos.
        let interner = ByteInterner()
        var remembered = ParsedLog()
        for _ in 0..<2 {
            var lines = QualityCheckedLines(BufferLines(bytes, maxLineBytes: cap))
            remembered = LogParser(runID: 0, interner: interner).parse(&lines)
            precondition(
                remembered.races.map(\.report) == log.races.map(\.report) && remembered.races.map(\.detectedIn) == log.races.map(\.detectedIn)
                    && Self.sameResults(remembered.tests, log.tests) && remembered.packages.count == log.packages.count
                    && remembered.panics.count == log.panics.count && lines.quality == whole.quality,
                "parsed differently with a worker's memos")
        }

        // The same bytes in chunks whose sizes the input decides.
        let step = Int(start[0] % 61) + 1
        var offset = 0
        var chunked = ChunkedLines(maxLineBytes: cap) { () -> UnsafeRawBufferPointer? in
            guard offset < bytes.count else { return nil }
            let count = min(step, bytes.count - offset)
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }
        let fromChunks = LogParser(runID: 0).parse(&chunked)
        precondition(
            fromChunks.races.map(\.report) == log.races.map(\.report) && Self.sameResults(fromChunks.tests, log.tests)
                && fromChunks.packages.count == log.packages.count && fromChunks.panics.count == log.panics.count,
            "chunked input parsed differently from the whole buffer")
        precondition(chunked.longLines == whole.base.longLines, "chunked input cut different lines")

        // flaketui's own report, read back for a merge (seeded with the golden exports).
        if let runs = try? ExportedReportReader.read(bytes, interner: ByteInterner()) {
            for run in runs { _ = RunDigest(log: run.log, options: SignatureOptions()) }
        }

        let xml = JUnitReader(runID: 0).read(Data(bytes))
        let gzip = GzipStream(bytes: Array(bytes))
        while gzip.next() != nil {}
        _ = gzip.problem

        // Grouping, signatures and diagnosis over what was parsed.
        var grouper = Grouper(options: SignatureOptions())
        var tallies = TestTallies()
        var runs: [Run] = []
        for (id, parsed) in [log, xml, remembered].enumerated() where !parsed.isEmpty {
            let run = Run(id: runs.count, path: "fuzz-\(id)", arch: "amd64", archSource: .unknown, format: parsed.format)
            runs.append(run)
            grouper.add(run: run, digest: RunDigest(log: parsed, options: SignatureOptions()))
            tallies.add(testsOf: parsed, arch: run.arch)
        }
        let (groups, _) = grouper.finish(runs: runs, tallies: tallies)
        _ = SeenTimes.annotate(groups, runs: runs)
        _ = InterleavedRuns.warnings(log)
    }

    /// The same results, field by field (names by their text: parses with and without an
    /// interner hold different strings).
    private static func sameResults(_ a: [TestResult], _ b: [TestResult]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy {
                $0.package == $1.package && $0.name == $1.name && $0.outcome == $1.outcome && $0.line == $1.line
                    && $0.messages == $1.messages && $0.raceDetected == $1.raceDetected
            }
    }
}
