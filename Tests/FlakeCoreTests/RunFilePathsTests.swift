import Foundation
import Testing
@testable import FlakeCore

/// Each run's file is stored as its folder plus the run's relative path; every way a run can
/// be found (a folder walk, a file named directly, a run read back from an export) gives the
/// path a log viewer can open.
@Suite struct RunFilePathsTests {
    private func run(_ id: Int, _ path: String) -> Run {
        Run(id: id, path: path, arch: "amd64", archSource: .unknown, format: .goTestText)
    }

    @Test func pathsUnderOneFolderShareIt() {
        var paths = RunFilePaths()
        paths.append(file: "/logs/ci/amd64/run-1.log", runPath: "amd64/run-1.log")
        paths.append(file: "/logs/ci/s390x/run-2.log", runPath: "s390x/run-2.log")
        #expect(paths.path(of: run(0, "amd64/run-1.log")) == "/logs/ci/amd64/run-1.log")
        #expect(paths.path(of: run(1, "s390x/run-2.log")) == "/logs/ci/s390x/run-2.log")
        #expect(paths.count == 2)
    }

    @Test func fileNamedDirectlyIsKeptAsGiven() {
        var paths = RunFilePaths()
        paths.append(file: "x/run.log", runPath: "x/run.log")
        #expect(paths.path(of: run(0, "x/run.log")) == "x/run.log")
    }

    @Test func runFromAnExportKeepsTheExportsPath() {
        var paths = RunFilePaths()
        paths.append(file: "/tmp/job-1.json", runPath: "amd64/run-7.log")
        paths.append(file: "/logs/a/run.log", runPath: "a/run.log")
        #expect(paths.path(of: run(0, "amd64/run-7.log")) == "/tmp/job-1.json")
        #expect(paths.path(of: run(1, "a/run.log")) == "/logs/a/run.log")
        #expect(paths.path(of: run(2, "b.log")) == nil)
    }

    @Test func aSuffixThatIsNotAWholeComponentIsNotAFolder() {
        var paths = RunFilePaths()
        // "/logs/xrun.log" ends with "run.log" but not with "/run.log".
        paths.append(file: "/logs/xrun.log", runPath: "run.log")
        #expect(paths.path(of: run(0, "run.log")) == "/logs/xrun.log")
    }

    @Test func analyzerRecordsOpenablePaths() throws {
        let folder = try TemporaryFolder()
        try folder.copy(fixture: "race-heap.log", as: "amd64/run-1.log")
        try folder.copy(fixture: "race-heap.log", as: "s390x/run-2.log")
        let result = try Analyzer.analyze(paths: [folder.path])
        for run in result.analysis.runs {
            let path = try #require(result.filePaths.path(of: run))
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
            #expect(path.hasSuffix("/" + run.path))
        }
    }
}
