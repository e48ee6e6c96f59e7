import Foundation

/// Reads what Prow's pod utilities write beside `build-log.txt`: `started.json` (start time,
/// commit), `finished.json` (result) and `prowjob.json` (job name, node selector).
struct ProwMetadata: Sendable {
    var metadata = RunMetadata(layout: .prow)
    /// From the ProwJob: the `kubernetes.io/arch` node selector, else an architecture in the job name.
    var arch: (String, ArchSource)?
    var problems: [String] = []

    static let files: Set<String> = [
        "started.json", "finished.json", "prowjob.json", "podinfo.json", "clone-records.json", "clone-log.txt",
        "metadata.json",
    ]

    init(folder: String) {
        if let started = object(folder + "/started.json", "started.json") {
            if let seconds = (started["timestamp"] as? NSNumber)?.doubleValue {
                metadata.startTime = Date(timeIntervalSince1970: seconds)
            }
            metadata.commit = nonEmpty(started["repo-commit"]) ?? nonEmpty(started["repo-version"])
                ?? Self.headCommit(started["repos"] as? [String: Any], pull: nonEmpty(started["pull"]))
        }
        if let finished = object(folder + "/finished.json", "finished.json") {
            if let result = nonEmpty(finished["result"]) {
                metadata.ciResult = result
            } else if let passed = finished["passed"] as? Bool {
                metadata.ciResult = passed ? "SUCCESS" : "FAILURE"
            }
        }
        if let job = object(folder + "/prowjob.json", "prowjob.json") {
            let spec = job["spec"] as? [String: Any]
            let podSpec = spec?["pod_spec"] as? [String: Any]
            let selector = podSpec?["nodeSelector"] as? [String: Any]
            if let value = nonEmpty(selector?["kubernetes.io/arch"]) {
                arch = (ArchNames.canonical(value) ?? value, .metadata("prowjob.json nodeSelector kubernetes.io/arch=\(value)"))
            } else if let name = nonEmpty(spec?["job"]), let found = ArchInference.archToken(in: name) {
                arch = (found, .metadata("prowjob.json job \(name)"))
            }
            if metadata.startTime == nil, let start = nonEmpty((job["status"] as? [String: Any])?["startTime"]) {
                metadata.startTime = ISO8601DateFormatter().date(from: start)
            }
        }
    }

    /// `"org/repo": "main:base-sha,1234:head-sha"`: the pull request's head, else the base.
    static func headCommit(_ repos: [String: Any]?, pull: String?) -> String? {
        guard let repos, repos.count == 1, let refs = repos.values.first as? String else { return nil }
        let parts = refs.split(separator: ",").map { $0.split(separator: ":", maxSplits: 1) }
        let chosen = parts.last { $0.count == 2 && (pull == nil || $0[0] == pull!) } ?? parts.first
        guard let chosen, chosen.count == 2, !chosen[1].isEmpty else { return nil }
        return String(chosen[1])
    }

    private mutating func object(_ path: String, _ name: String) -> [String: Any]? {
        guard let file = try? MappedFile(path: path) else { return nil }
        guard file.bytes.count > 0, file.bytes.count < 16 << 20 else {
            problems.append("\(name): \(file.bytes.count == 0 ? "empty" : "too large"), ignored")
            return nil
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(file.bytes)), let object = value as? [String: Any]
        else {
            problems.append("\(name) is not a JSON object, ignored")
            return nil
        }
        return object
    }

    private func nonEmpty(_ value: Any?) -> String? {
        if let string = value as? String, !string.isEmpty { return string }
        return nil
    }
}
