import Foundation

/// One log file: one execution of a test suite on one machine.
///
/// A tree of CI logs holds millions of runs, so a run is kept small (56 bytes): its path as a
/// folder and a name that runs share (the analyzer interns both), and what it has in common
/// with the runs around it (architecture, format, packages, CI metadata) in one shared box.
public struct Run: Sendable, Hashable, Identifiable {
    public let id: Int
    private let folder: String
    private let name: String
    private let traits: Traits
    public let failed: Bool
    public let hasRace: Bool

    /// Path relative to the root the user named (or as given, for a file argument).
    public var path: String { folder.isEmpty ? name : folder + "/" + name }
    public var arch: String { traits.arch }
    public var archSource: ArchSource { traits.archSource }
    public var format: LogFormat { traits.format }
    /// Import paths of the packages this run executed (the statistics denominator).
    public var packages: Set<String> { traits.packages }
    /// Go version seen in the log (`go version go1.19.8 linux/s390x`), if any.
    public var goVersion: String? { traits.goVersion }
    /// The CI layout the log was found in (Prow, GitHub Actions, Bazel); nil for a plain log file.
    public var layout: CILayout? { traits.metadata.layout }
    /// When the run started (Prow `started.json`, the first GitHub Actions timestamp).
    public var startTime: Date? { traits.metadata.startTime }
    /// The commit it tested (Prow `started.json`).
    public var commit: String? { traits.metadata.commit }
    /// The CI system's verdict (Prow `finished.json`: `SUCCESS`, `FAILURE`, `ABORTED`, …).
    public var ciResult: String? { traits.metadata.ciResult }

    public init(
        id: Int, path: String, arch: String, archSource: ArchSource, format: LogFormat,
        packages: Set<String> = [], failed: Bool = false, hasRace: Bool = false, goVersion: String? = nil,
        metadata: RunMetadata = RunMetadata()
    ) {
        let slash = path.utf8.lastIndex(of: 0x2F)
        self.init(
            id: id, folder: slash.map { String(path[..<$0]) } ?? "", name: slash.map { String(path[path.utf8.index(after: $0)...]) } ?? path,
            traits: Traits(arch: arch, archSource: archSource, format: format, packages: packages, goVersion: goVersion, metadata: metadata),
            failed: failed, hasRace: hasRace)
    }

    /// With the path already split and the traits already boxed (both shared with other runs).
    init(id: Int, folder: String, name: String, traits: Traits, failed: Bool, hasRace: Bool) {
        self.id = id
        self.folder = folder
        self.name = name
        self.traits = traits
        self.failed = failed
        self.hasRace = hasRace
    }

    /// What runs of one suite on one machine have in common; compared by value.
    final class Traits: Sendable, Hashable {
        let arch: String
        let archSource: ArchSource
        let format: LogFormat
        let packages: Set<String>
        let goVersion: String?
        let metadata: RunMetadata

        init(arch: String, archSource: ArchSource, format: LogFormat, packages: Set<String>, goVersion: String?, metadata: RunMetadata) {
            self.arch = arch
            self.archSource = archSource
            self.format = format
            self.packages = packages
            self.goVersion = goVersion
            self.metadata = metadata
        }

        static func == (a: Traits, b: Traits) -> Bool {
            a === b
                || (a.arch == b.arch && a.archSource == b.archSource && a.format == b.format && a.packages == b.packages
                    && a.goVersion == b.goVersion && a.metadata == b.metadata)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(arch)
            hasher.combine(format)
            hasher.combine(goVersion)
        }
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

/// A place in a log file: what a viewer needs to show the raw lines. Eight bytes: a group keeps
/// one for every time it struck.
public struct Occurrence: Sendable, Hashable, Comparable, Codable {
    private let storedRunID: UInt32
    private let storedLine: UInt32

    public var runID: Int { Int(storedRunID) }
    /// 1-based line number in the run's file.
    public var line: Int { Int(storedLine) }

    public init(runID: Int, line: Int) {
        storedRunID = UInt32(clamping: runID)
        storedLine = UInt32(clamping: line)
    }

    public static func < (a: Occurrence, b: Occurrence) -> Bool {
        (a.storedRunID, a.storedLine) < (b.storedRunID, b.storedLine)
    }

    private enum CodingKeys: String, CodingKey { case runID, line }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(runID: try container.decode(Int.self, forKey: .runID), line: try container.decode(Int.self, forKey: .line))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(line, forKey: .line)
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
