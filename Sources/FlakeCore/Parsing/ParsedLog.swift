/// Everything one log file says, before any grouping. Package names may be empty until the
/// package's result line is seen; `GoTestStream` fills them in.
///
/// Its synthesized `Codable` form is the JSON report's `content` of a run. The report writes and
/// reads it by hand for speed (`JSONReportContent`, `ExportedRunContent`); the tests hold both
/// to what `JSONEncoder` and `JSONDecoder` make of these types.
struct ParsedLog: Sendable, Codable {
    var format: LogFormat = .plainText
    var contentArch: ContentArch?
    var goVersion: String?
    var packages: [PackageResult] = []
    var tests: [TestResult] = []
    var races: [ParsedRace] = []
    var panics: [PanicEvent] = []
    var buildFailures: [BuildFailure] = []
    var specFailures: [SpecFailure] = []
    /// Lines that made the parser give up on part of the file (bad JSON lines and the like).
    var warnings: [String] = []

    /// Whether anything in the file looked like Go test or race output at all.
    var isEmpty: Bool {
        packages.isEmpty && tests.isEmpty && races.isEmpty && panics.isEmpty && buildFailures.isEmpty
            && specFailures.isEmpty
    }
}

enum PackageOutcome: String, Sendable, Codable {
    case passed, failed, buildFailed, noTestFiles, skipped
}

struct PackageResult: Sendable, Codable {
    var name: String
    var outcome: PackageOutcome
    var line: Int
}

enum TestOutcome: String, Sendable, Codable {
    case passed, failed, skipped
}

struct TestResult: Sendable, Codable {
    /// Names that need no reference counting: a lane's log holds thousands of results, and
    /// each was retained and released as it was made, read and freed.
    var packageName: InternedName
    var testName: InternedName
    var outcome: TestOutcome
    var line: Int
    /// `file.go:12: message` lines the test printed (without the race-detected line).
    var messages: [String]
    var raceDetected: Bool

    var package: String {
        get { packageName.string }
        set { packageName = InternedName(newValue) }
    }
    var name: String { testName.string }

    init(packageName: InternedName, testName: InternedName, outcome: TestOutcome, line: Int, messages: [String], raceDetected: Bool) {
        self.packageName = packageName
        self.testName = testName
        self.outcome = outcome
        self.line = line
        self.messages = messages
        self.raceDetected = raceDetected
    }

    init(package: String, name: String, outcome: TestOutcome, line: Int, messages: [String], raceDetected: Bool) {
        self.init(
            packageName: InternedName(package), testName: InternedName(name), outcome: outcome, line: line, messages: messages,
            raceDetected: raceDetected)
    }

    private enum CodingKeys: String, CodingKey {
        case packageName = "package", testName = "name", outcome, line, messages, raceDetected
    }
}

struct ParsedRace: Sendable, Codable {
    var package: String
    /// As the parse hands it on: a copy of a remembered report is kept as its numbers.
    var parsedReport: ParsedRaceReport
    /// Tests named by `race detected during execution of test` lines that followed the report.
    var detectedIn: [String]
    /// `race detected outside of test execution` followed the report.
    var outsideTests: Bool

    init(package: String, report: ParsedRaceReport, detectedIn: [String], outsideTests: Bool) {
        self.package = package
        parsedReport = report
        self.detectedIn = detectedIn
        self.outsideTests = outsideTests
    }

    init(package: String, report: RaceReport, detectedIn: [String], outsideTests: Bool) {
        self.init(package: package, report: .read(report), detectedIn: detectedIn, outsideTests: outsideTests)
    }

    /// The report, made from its numbers for a copy.
    var report: RaceReport { parsedReport.report }

    private enum CodingKeys: String, CodingKey {
        case package, report, detectedIn, outsideTests
    }

    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            package: try values.decode(String.self, forKey: .package), report: try values.decode(RaceReport.self, forKey: .report),
            detectedIn: try values.decode([String].self, forKey: .detectedIn),
            outsideTests: try values.decode(Bool.self, forKey: .outsideTests))
    }

    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(package, forKey: .package)
        try values.encode(report, forKey: .report)
        try values.encode(detectedIn, forKey: .detectedIn)
        try values.encode(outsideTests, forKey: .outsideTests)
    }
}

struct PanicEvent: Sendable, Codable {
    var package: String
    /// The test it happened in (from the stack, else the running test), if known.
    var test: String?
    var message: String
    var frames: [Frame]
    var line: Int
    /// `panic: test timed out after …`.
    var isTimeout: Bool
    /// For timeouts: the tests that were running.
    var runningTests: [String]
}

struct BuildFailure: Sendable, Codable {
    var package: String
    var messages: [String]
    var line: Int
}

/// A Ginkgo spec that failed, from the `Summarizing N Failures` section.
struct SpecFailure: Sendable, Codable {
    var package: String
    /// The Go test function running the suite.
    var suiteTest: String?
    var spec: String
    var message: String
    var isPanic: Bool
    var line: Int
}

/// An architecture named by the log's content, with the line that named it.
struct ContentArch: Sendable, Codable {
    var arch: String
    var evidence: String
}
