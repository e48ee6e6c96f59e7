import Foundation

/// The CI system whose folder layout a run was found in.
public enum CILayout: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<job>/<build-id>/build-log.txt` beside `started.json`, `finished.json`, `prowjob.json`.
    case prow
    /// A per-job log or the downloaded log archive (`<n>_<job>.txt`, `<job>/<n>_<step>.txt`).
    case githubActions = "github-actions"
    /// `bazel-testlogs/**/test.log` (with `run_N_of_M`, `shard_N_of_M`) or its `test.xml`.
    case bazel
}

/// What a CI system recorded about a run beside (or inside) its log.
public struct RunMetadata: Sendable, Hashable, Codable {
    public var layout: CILayout?
    public var startTime: Date?
    public var commit: String?
    public var ciResult: String?

    public init(layout: CILayout? = nil, startTime: Date? = nil, commit: String? = nil, ciResult: String? = nil) {
        self.layout = layout
        self.startTime = startTime
        self.commit = commit
        self.ciResult = ciResult
    }
}
