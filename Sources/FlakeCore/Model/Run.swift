import Foundation

/// One log file: one execution of a test suite on one machine.
public struct Run: Sendable, Hashable, Identifiable {
    public let id: Int
    /// Path relative to the root the user named (or as given, for a file argument).
    public let path: String
    public let arch: String
    public let archSource: ArchSource
    public let format: LogFormat
    /// Import paths of the packages this run executed (the statistics denominator).
    public internal(set) var packages: Set<String>
    public internal(set) var failed: Bool
    public internal(set) var hasRace: Bool
    /// Go version seen in the log (`go version go1.19.8 linux/s390x`), if any.
    public internal(set) var goVersion: String?
    /// The CI layout the log was found in (Prow, GitHub Actions, Bazel); nil for a plain log file.
    public internal(set) var layout: CILayout?
    /// When the run started (Prow `started.json`, the first GitHub Actions timestamp).
    public internal(set) var startTime: Date?
    /// The commit it tested (Prow `started.json`).
    public internal(set) var commit: String?
    /// The CI system's verdict (Prow `finished.json`: `SUCCESS`, `FAILURE`, `ABORTED`, …).
    public internal(set) var ciResult: String?

    public init(
        id: Int, path: String, arch: String, archSource: ArchSource, format: LogFormat,
        packages: Set<String> = [], failed: Bool = false, hasRace: Bool = false, goVersion: String? = nil,
        metadata: RunMetadata = RunMetadata()
    ) {
        layout = metadata.layout
        startTime = metadata.startTime
        commit = metadata.commit
        ciResult = metadata.ciResult
        self.id = id
        self.path = path
        self.arch = arch
        self.archSource = archSource
        self.format = format
        self.packages = packages
        self.failed = failed
        self.hasRace = hasRace
        self.goVersion = goVersion
    }
}

/// Where a run's architecture came from, so a user can check the inference.
public enum ArchSource: Sendable, Hashable, CustomStringConvertible {
    /// `--arch-from` matched the relative path.
    case override
    /// A path component or file-name token (`logs/s390x/…`, `unit-arm64-3.log`).
    case path(String)
    /// A line in the log (`go version go1.21 linux/s390x`, `GOARCH=arm64`, `goarch: amd64`).
    case content(String)
    /// What the CI system recorded beside the log (a ProwJob's `kubernetes.io/arch` node selector or job name).
    case metadata(String)
    case unknown

    public var kind: String {
        switch self {
        case .override: "override"
        case .path: "path"
        case .metadata: "metadata"
        case .content: "content"
        case .unknown: "unknown"
        }
    }

    public var description: String {
        switch self {
        case .override: "--arch-from"
        case .path(let token): "path (\(token))"
        case .content(let line): "content (\(line))"
        case .metadata(let what): "metadata (\(what))"
        case .unknown: "unknown"
        }
    }
}

public enum LogFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// `go test -v` (or plain `go test`) text.
    case goTestText = "go-test-text"
    /// `go test -json` test2json events.
    case goTestJSON = "go-test-json"
    /// Ginkgo v1/v2 console output.
    case ginkgo = "ginkgo"
    /// Any other text that carries race reports or panics (build logs, make output).
    case plainText = "text"
    /// JUnit XML (`go-junit-report`, Bazel's `test.xml`).
    case junit = "junit"
}

/// A place in a log file: what a viewer needs to show the raw lines.
public struct Occurrence: Sendable, Hashable, Comparable, Codable {
    public let runID: Int
    /// 1-based line number in the run's file.
    public let line: Int

    public init(runID: Int, line: Int) {
        self.runID = runID
        self.line = line
    }

    public static func < (a: Occurrence, b: Occurrence) -> Bool {
        (a.runID, a.line) < (b.runID, b.line)
    }
}

/// A file that could not be read, or only partly.
public struct Problem: Sendable, Hashable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
