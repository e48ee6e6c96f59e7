import Foundation
import Testing
@testable import FlakeCore

#if canImport(Glibc)
import Glibc
#endif

/// Garbage in a log folder: every kind gets a clear problem for its file, nothing crashes, and
/// the valid run beside it (a copy of a real fixture) is never lost.
@Suite struct HostileInputTests {
    /// A folder with one good run and the hostile file; the analysis and the hostile file's problems.
    private func analyzeBesideAGoodRun(
        _ setUp: (TemporaryFolder) throws -> Void
    ) throws -> (analysis: Analysis, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        try folder.copy(fixture: "race-heap.log", as: "good/run-1.log")
        try setUp(folder)
        let analysis = try Analyzer.analyze(paths: [folder.path]).analysis
        #expect(analysis.runs.contains { $0.path == "good/run-1.log" && $0.hasRace }, "the valid run is kept")
        return (analysis, folder)
    }

    private func problems(_ analysis: Analysis, _ path: String) -> [String] {
        analysis.problems.filter { $0.path == path }.map(\.message)
    }

    private func fixtureBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(name))))
    }

    @Test func binaryFile() throws {
        let (analysis, _) = try analyzeBesideAGoodRun { folder in
            try folder.write("bin/flaketui.test", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 4096))
            try folder.write("bin/noise.dat", (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        }
        #expect(problems(analysis, "bin/flaketui.test") == ["binary file (ELF executable): skipped"])
        #expect(problems(analysis, "bin/noise.dat").first?.hasPrefix("binary file (mostly control bytes") == true)
        #expect(analysis.runs.count == 1)
    }

    /// Newlines and tabs are text; other control bytes in the same eight-byte words still count.
    @Test func controlBytesBesideNewlinesAndTabsAreCounted() throws {
        func kind(_ bytes: [UInt8]) -> String? {
            bytes.withUnsafeBufferPointer { BinarySniffer.binaryKind(ByteLine(base: $0.baseAddress!, count: $0.count)) }
        }
        #expect(kind(try fixtureBytes("race-two-races.log")) == nil)
        let word: [UInt8] = [0x0A, 0x09, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66]
        var oneInEight = word
        oneInEight[5] = 0x01
        // 12.5% control bytes is binary; 6.25% is not.
        #expect(kind(Array((0..<256).map { _ in oneInEight }.joined()))?.hasPrefix("mostly control bytes") == true)
        #expect(kind(Array((0..<128).map { _ in oneInEight + word }.joined())) == nil)
        #expect(kind(Array((0..<256).map { _ in word }.joined())) == nil)
    }

    @Test func nulBytesInsideATextLog() throws {
        var bytes = try fixtureBytes("race-two-races.log")
        let cut = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(contentsOf: [0, 0, 0], at: cut)
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("nul.log", bytes) }
        #expect(problems(analysis, "nul.log") == ["NUL bytes on 1 line(s), the first at line 2: read as text"])
        let run = try #require(analysis.runs.first { $0.path == "nul.log" })
        #expect(run.hasRace && analysis.groups.filter { $0.kind == .race && $0.packages == ["example.com/shapes/tworaces"] }.count == 2)
    }

    @Test func invalidUTF8() throws {
        var bytes = try fixtureBytes("subtests-parallel.log")
        bytes.insert(contentsOf: [0xC3, 0x28, 0xFF], at: bytes.count / 2)
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("latin1.log", bytes) }
        let messages = problems(analysis, "latin1.log")
        #expect(messages.count == 1 && messages[0].hasPrefix("invalid UTF-8 on 1 line(s)"))
        #expect(analysis.runs.contains { $0.path == "latin1.log" && $0.packages == ["example.com/shapes/subtests"] })
    }

    @Test func validUTF8IsNotReported() {
        var quality = TextQuality()
        for text in ["plain", "naïve ✓ 𝄞 ↔", "tab\there"] {
            Array(text.utf8).withUnsafeBufferPointer { quality.inspect(ByteLine(base: $0.baseAddress!, count: $0.count), number: 1) }
        }
        #expect(quality.problems.isEmpty)
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(!bad.withUnsafeBufferPointer { TextQuality.isValidUTF8(ByteLine(base: $0.baseAddress!, count: $0.count)) })
        }
    }

    @Test func twoHundredMegabyteLineWithoutANewline() throws {
        let (analysis, _) = try analyzeBesideAGoodRun { folder in
            let path = folder.path + "/huge.log"
            let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
            let block = [UInt8](repeating: 0x61, count: 1 << 20)
            for _ in 0..<200 { _ = block.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) } }
            close(fd)
        }
        #expect(problems(analysis, "huge.log").contains {
            $0 == "line 1 is longer than \(LongLines.defaultCap) bytes (the longest 209715200): read the first \(LongLines.defaultCap) bytes of each"
        })
        #expect(analysis.runs.count == 1)
    }

    @Test func chunkedSourceNeverHoldsMoreThanTheCap() {
        // 200 MB in 1 MB chunks with no newline, then a short line: the carry stays at the cap.
        let chunk = [UInt8](repeating: 0x62, count: 1 << 20)
        var sent = 0
        var lines = chunk.withUnsafeBytes { raw in
            ChunkedLines(maxLineBytes: 1 << 16) { () -> UnsafeRawBufferPointer? in
                sent += 1
                if sent <= 200 { return raw }
                if sent == 201 { return UnsafeRawBufferPointer(start: Self.tail.withUnsafeBytes { $0.baseAddress! }, count: 0) }
                return nil
            }
        }
        var lengths: [Int] = []
        lines.forEachLine { lengths.append($0.count) }
        #expect(lengths == [1 << 16])
        #expect(lines.longLines == LongLines(count: 1, firstLine: 1, longest: 200 << 20))
    }

    private static let tail: [UInt8] = [0x0A]

    @Test func crlfAndANSIAreUndoneNotReported() throws {
        let (analysis, _) = try analyzeBesideAGoodRun { folder in
            try folder.copy(fixture: "ci-crlf.log", as: "crlf.log")
            try folder.copy(fixture: "ginkgo-dots-color.log", as: "ansi.log")
        }
        #expect(problems(analysis, "crlf.log").isEmpty && problems(analysis, "ansi.log").isEmpty)
        #expect(analysis.runs.first { $0.path == "crlf.log" }?.hasRace == true)
        #expect(analysis.runs.first { $0.path == "ansi.log" }?.format == .ginkgo)
    }

    @Test func raceReportsCutAtEveryLine() throws {
        // Every prefix of a real log with two races: no crash, never more races than the whole
        // log has, and a report cut before its closing separator is marked truncated.
        let text = try Fixtures.text("race-two-races.log")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let whole = try Fixtures.parse("race-two-races.log")
        for count in 0...lines.count {
            let prefix = Array(lines.prefix(count).joined(separator: "\n").utf8)
            let log = prefix.isEmpty ? ParsedLog() : prefix.withUnsafeBytes { LogParser(runID: 0).parse($0) }
            #expect(log.races.count <= whole.races.count, "cut after \(count) lines")
            let opened = lines.prefix(count).filter { $0 == "WARNING: DATA RACE" }.count
            #expect(log.races.count == opened, "cut after \(count) lines")
            // The last report is cut when no separator closes it inside the prefix.
            if let lastWarning = lines.prefix(count).lastIndex(of: "WARNING: DATA RACE") {
                let closed = lines[lastWarning..<count].contains("==================")
                #expect(log.races.last?.report.truncated == !closed, "cut after \(count) lines")
            }
        }
    }

    @Test func twoRunsInterleavedInOneFile() throws {
        // Two runs of different packages writing to one log, line by line: one run with both packages.
        let a = try Fixtures.text("race-two-races.log").split(separator: "\n")
        let b = try Fixtures.text("panic.log").split(separator: "\n")
        var mixed: [Substring] = []
        for i in 0..<max(a.count, b.count) {
            if i < a.count { mixed.append(a[i]) }
            if i < b.count { mixed.append(b[i]) }
        }
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("mixed.log", Array(mixed.joined(separator: "\n").utf8)) }
        let run = try #require(analysis.runs.first { $0.path == "mixed.log" })
        #expect(run.packages.isSuperset(of: ["example.com/shapes/tworaces", "example.com/shapes/panics"]))
        #expect(run.hasRace && run.failed)
    }

    @Test func repeatedPackageResultsAreReported() throws {
        let a = try Fixtures.text("race-two-races.log").split(separator: "\n")
        let b = try Fixtures.text("race-two-races.log").split(separator: "\n")
        let mixed = zip(a, b).flatMap { [$0, $1] }
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("twice.log", Array(mixed.joined(separator: "\n").utf8)) }
        #expect(problems(analysis, "twice.log").contains {
            $0.hasPrefix("package results repeat in one file: example.com/shapes/tworaces (2×)")
        })
        #expect(analysis.runs.filter { $0.path == "twice.log" }.count == 1)
    }

    @Test func malformedJUnitKeepsTheCasesBeforeTheError() throws {
        let whole = try fixtureBytes("layouts/junit/junit-subtests.xml")
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("junit-cut.xml", Array(whole.prefix(whole.count / 2))) }
        let messages = problems(analysis, "junit-cut.xml")
        #expect(messages.count == 1 && messages[0].hasPrefix("JUnit XML is malformed at line "))
        let run = try #require(analysis.runs.first { $0.path == "junit-cut.xml" })
        #expect(run.format == .junit && run.failed)
    }

    @Test func emptyFile() throws {
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("empty.log", []) }
        #expect(problems(analysis, "empty.log") == ["empty file"])
    }

    @Test func jsonEventLineThatIsNotJSON() throws {
        var lines = try Fixtures.text("panic.json").split(separator: "\n").map(String.init)
        lines.insert("{\"Time\":\"2026-01-01T00:00:00Z\",\"Action\":\"output\",\"Output\":\"cut", at: 3)
        let (analysis, _) = try analyzeBesideAGoodRun { try $0.write("events.json", Array(lines.joined(separator: "\n").utf8)) }
        #expect(problems(analysis, "events.json") == ["1 line(s) look like JSON but could not be read"])
        #expect(analysis.runs.contains { $0.path == "events.json" && $0.format == .goTestJSON })
    }

    @Test(.enabled(if: geteuid() != 0, "root reads files and folders whatever their mode"))
    func unreadableFileAndFolder() throws {
        let (analysis, _) = try analyzeBesideAGoodRun { folder in
            let file = try folder.copy(fixture: "panic.log", as: "locked.log")
            chmod(file, 0)
            try folder.copy(fixture: "panic.log", as: "locked/inside.log")
            chmod(folder.path + "/locked", 0)
        }
        #expect(problems(analysis, "locked.log") == ["cannot open: Permission denied"])
        #expect(problems(analysis, "locked") == ["cannot read folder: Permission denied"])
    }

    @Test func unopenablePathsWhateverTheUser() throws {
        // Root reads anything chmod 000; a link to nowhere cannot be opened by anyone.
        let (analysis, _) = try analyzeBesideAGoodRun { folder in
            symlink(folder.path + "/missing.log", folder.path + "/dangling.log")
        }
        #expect(problems(analysis, "dangling.log") == ["broken symlink (No such file or directory): skipped"])
    }

    @Test func fifoAndDeviceFilesNeverBlock() throws {
        let (analysis, folder) = try analyzeBesideAGoodRun { folder in
            mkfifo(folder.path + "/pipe.log", 0o644)
            symlink("/dev/zero", folder.path + "/zero.log")
            symlink("/dev/null", folder.path + "/null.log")
        }
        #expect(problems(analysis, "pipe.log") == ["FIFO (named pipe): skipped, never opened"])
        #expect(problems(analysis, "zero.log") == ["device file: skipped, never opened"])
        #expect(problems(analysis, "null.log") == ["device file: skipped, never opened"])
        // Named directly, a FIFO is opened without blocking and refused.
        let direct = try Analyzer.analyze(paths: [folder.path + "/pipe.log", Fixtures.path("panic.log")]).analysis
        #expect(direct.problems.map(\.message) == ["not a regular file"])
        #expect(direct.runs.count == 1)
    }

    @Test func symlinkLoops() throws {
        let (analysis, _) = try analyzeBesideAGoodRun { folder in
            try FileManager.default.createDirectory(atPath: folder.path + "/a", withIntermediateDirectories: true)
            symlink("..", folder.path + "/a/up")
            symlink(folder.path + "/self.log", folder.path + "/self.log")
            symlink("good/run-1.log", folder.path + "/zz-latest.log")
        }
        #expect(problems(analysis, "a/up").first?.hasPrefix("symlink to a folder already read") == true)
        #expect(problems(analysis, "self.log") == ["symlink loop: skipped"])
        // `zz-latest.log` leads to a file already read: one run, under the first name met.
        #expect(analysis.runs.count == 1)
        #expect(problems(analysis, "zz-latest.log") == ["symlink to a file already read: skipped"])
    }

    @Test func aHundredThousandSmallFiles() throws {
        let folder = try TemporaryFolder()
        let passing = try fixtureBytes("no-test-files.log")
        let failing = try fixtureBytes("panic.log")
        for i in 0..<100_000 {
            let dir = folder.path + "/shard-\(i / 1000)"
            if i % 1000 == 0 { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            let bytes = i % 10 == 0 ? failing : passing
            let fd = open(dir + "/run-\(i).log", O_CREAT | O_WRONLY | O_TRUNC, 0o644)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            close(fd)
        }
        let analysis = try Analyzer.analyze(paths: [folder.path], options: AnalyzeOptions(keepRunContents: false)).analysis
        #expect(analysis.runs.count == 100_000)
        #expect(analysis.problems.isEmpty)
        let panic = try #require(analysis.groups.first { $0.kind == .panic })
        #expect(panic.runCount == 10_000)
    }
}
