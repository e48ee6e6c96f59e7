import Foundation

/// How a file's CI layout makes it a run.
indirect enum CIRole: Sendable {
    case plain
    /// Prow's `build-log.txt`, with what `started.json`, `finished.json` and `prowjob.json` beside it say.
    case prow(ProwMetadata)
    /// A GitHub Actions job: the job's file in the log archive, or, when the archive has only the
    /// job's folder, its step files read one after another (`steps`, absolute paths in step order).
    case githubActionsJob(steps: [String])
    /// Bazel's `test.log` (or a `test.xml` without one) under `bazel-testlogs`.
    case bazel
}

/// Recognises CI folder layouts in the discovered files: which files are runs, which are the
/// CI system's metadata, and which repeat a run that another file already holds.
///
/// - Prow: a folder with `build-log.txt` and any of `started.json`, `finished.json`,
///   `prowjob.json` is one build; the metadata files are not runs, and JUnit files under its
///   `artifacts/` describe the same run as `build-log.txt`, so they are not read.
/// - GitHub Actions log archive: a top-level `<n>_<job>.txt` is the whole job; the per-step
///   files in the folder `<job>/` (`1_Set up job.txt`, …) repeat it and are not read. A job
///   folder without its top-level file is read as one run, steps in order.
/// - Bazel: each `test.log` is a run (`run_N_of_M` and `shard_N_of_M` folders are separate
///   runs); `test.xml` beside it is the same run as JUnit and is not read; `test.cache_status`
///   and the `test.outputs` folders are Bazel's bookkeeping.
enum CILayouts {
    struct Arrangement: Sendable {
        /// Runs ordered by start time where the layout tells it before reading (Prow's
        /// `started.json`, the first timestamp of a GitHub Actions archive job), then the rest in path order.
        var files: [LogFile] = []
        /// Metadata files and files that repeat a run held by another file: not read, counted.
        var notRuns = 0
    }

    static func arrange(_ discovered: [LogFile]) -> Arrangement {
        // Most trees hold none of the names these layouts are made of: nothing to arrange.
        guard discovered.contains(where: { mayBelongToLayout($0.absolutePath) }) else {
            return Arrangement(files: discovered, notRuns: 0)
        }
        var byFolder: [String: [Int]] = [:]
        for (index, file) in discovered.enumerated() { byFolder[folder(of: file.absolutePath), default: []].append(index) }
        func names(in folder: String) -> Set<String> {
            Set((byFolder[folder] ?? []).map { baseName(discovered[$0].absolutePath) })
        }

        // Prow builds: folder → true.
        var prowBuilds: Set<String> = []
        for (folder, indices) in byFolder {
            let here = Set(indices.map { baseName(discovered[$0].absolutePath) })
            if here.contains(where: isBuildLog), !here.isDisjoint(with: ["started.json", "finished.json", "prowjob.json"]) {
                prowBuilds.insert(folder)
            }
        }
        // GitHub Actions job folders (they hold `<n>_Set up job.txt`), and whether the job's own file is beside them.
        var jobFolders: [String: Bool] = [:]
        for (folder, indices) in byFolder
        where indices.contains(where: { isSetUpJobStep(baseName(discovered[$0].absolutePath)) }) {
            let job = baseName(folder)
            let parentNames = names(in: self.folder(of: folder))
            jobFolders[folder] = parentNames.contains { jobFileName($0) == job }
        }

        var result = Arrangement()
        var emittedJobFolders: Set<String> = []
        for file in discovered {
            let path = file.absolutePath
            let name = baseName(path)
            let dir = folder(of: path)
            var arranged = file

            if prowBuilds.contains(dir) {
                if isBuildLog(name) {
                    arranged.role = .prow(ProwMetadata(folder: dir))
                } else if ProwMetadata.files.contains(name) {
                    result.notRuns += 1
                    continue
                }
            } else if isJUnitName(name), prowBuilds.contains(where: { path.hasPrefix($0 + "/artifacts/") }) {
                result.notRuns += 1
                continue
            }

            if let hasJobFile = jobFolders[dir] {
                if emittedJobFolders.contains(dir) { continue }  // read with the job's first step
                if hasJobFile {
                    result.notRuns += 1
                    continue
                }
                // The job's steps, in step order, as one run named by the folder.
                emittedJobFolders.insert(dir)
                let steps = (byFolder[dir] ?? []).map { discovered[$0] }
                    .filter { stepNumber(baseName($0.absolutePath)) != nil }
                    .sorted { stepNumber(baseName($0.absolutePath))! < stepNumber(baseName($1.absolutePath))! }
                let display = folder(of: file.displayPath)
                result.files.append(
                    LogFile(absolutePath: dir, displayPath: display.isEmpty ? dir : display,
                            role: .githubActionsJob(steps: steps.map(\.absolutePath))))
                continue
            }
            if jobFolders[dir + "/" + (jobFileName(name) ?? "\u{0}")] == true {
                arranged.role = .githubActionsJob(steps: [])
            }

            if isInBazelOutputs(path) {
                result.notRuns += 1
                continue
            }
            if name == "test.log" || name == "test.log.gz" {
                if path.contains("/bazel-testlogs/") || names(in: dir).contains("test.xml") || names(in: dir).contains("test.cache_status") {
                    arranged.role = .bazel
                }
            } else if name == "test.xml" || name == "test.cache_status" {
                let here = names(in: dir)
                if here.contains("test.log") || here.contains("test.log.gz") || name == "test.cache_status" {
                    result.notRuns += 1
                    continue
                }
                if path.contains("/bazel-testlogs/") { arranged.role = .bazel }
            }
            result.files.append(arranged)
        }
        result.files = orderedByStartTime(result.files)
        return result
    }

    /// Stable: files whose start time is known come first, oldest first; the rest keep path order.
    static func orderedByStartTime(_ files: [LogFile]) -> [LogFile] {
        // Only Prow builds and GitHub Actions jobs can tell; plain files are not opened here.
        let candidates = files.indices.filter {
            switch files[$0].role {
            case .prow, .githubActionsJob: true
            case .plain, .bazel: false
            }
        }
        guard !candidates.isEmpty else { return files }
        let found = ParallelMap.run(count: candidates.count, workers: nil) { index, _ in startTime(of: files[candidates[index]]) }
        var times = [Date?](repeating: nil, count: files.count)
        for (index, time) in zip(candidates, found) { times[index] = time }
        guard times.contains(where: { $0 != nil }) else { return files }
        let order = files.indices.sorted { a, b in
            switch (times[a], times[b]) {
            case let (x?, y?): x != y ? x < y : a < b
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a < b
            }
        }
        return order.map { files[$0] }
    }

    private static func startTime(of file: LogFile) -> Date? {
        switch file.role {
        case .prow(let prow): return prow.metadata.startTime
        case .githubActionsJob(let steps):
            // The first bytes of the job's log: `2024-05-01T12:34:56.1234567Z …`.
            var bytes = [UInt8](repeating: 0, count: 64)
            let path = steps.first ?? file.absolutePath
            guard case .success(let fd) = FileChunks.openRegular(path) else { return nil }
            defer { close(fd) }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 64) }
            guard n > 0 else { return nil }
            // A UTF-8 byte order mark may come first.
            let skip = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            return bytes.withUnsafeBufferPointer {
                GitHubActionsTimestamp.parse(ByteLine(base: $0.baseAddress! + skip, count: n - skip))
            }
        case .plain, .bazel:
            return nil
        }
    }

    /// Whether a path has a name that one of the layouts is recognised by (a byte check, run for every file).
    static func mayBelongToLayout(_ path: String) -> Bool {
        ByteLine.withBytes(of: path) { whole in
            let name = whole.dropFirst((whole.lastIndex(of: 0x2F) ?? -1) + 1)
            return name.equals("build-log.txt") || name.equals("build-log.txt.gz") || name.hasSuffix("_Set up job.txt")
                || name.equals("test.log") || name.equals("test.log.gz") || name.equals("test.xml")
                || name.equals("test.cache_status") || whole.contains("/test.outputs")
        }
    }

    static func isBuildLog(_ name: String) -> Bool { name == "build-log.txt" || name == "build-log.txt.gz" }

    /// `junit*.xml`, `junit_*.xml`, also gzip'd.
    static func isJUnitName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("junit") && (lower.hasSuffix(".xml") || lower.hasSuffix(".xml.gz"))
    }

    /// `1_Set up job.txt`: the first step of every GitHub Actions job.
    static func isSetUpJobStep(_ name: String) -> Bool {
        guard let number = stepNumber(name) else { return false }
        return name == "\(number)_Set up job.txt"
    }

    /// The `n` of `<n>_<anything>.txt`.
    static func stepNumber(_ name: String) -> Int? {
        guard name.hasSuffix(".txt"), let underscore = name.firstIndex(of: "_") else { return nil }
        return Int(name[..<underscore])
    }

    /// `build (amd64)` for `0_build (amd64).txt`.
    static func jobFileName(_ name: String) -> String? {
        guard stepNumber(name) != nil, let underscore = name.firstIndex(of: "_") else { return nil }
        return String(name[name.index(after: underscore)...].dropLast(4))
    }

    static func isInBazelOutputs(_ path: String) -> Bool {
        ByteLine.withBytes(of: path) { $0.contains("/test.outputs/") || $0.contains("/test.outputs_manifest/") }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return "" }
        return String(path[..<slash])
    }

    static func baseName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
