import FlakeCore
import FlakeTUI

/// A small analysis shaped like the device-manager flake: a Handler race far more frequent on
/// the emulated arches, a failure, a panic and a timeout, over 3 arches × 50 runs.
enum FixtureAnalysis {
    static let arches = ["amd64", "arm64", "s390x"]
    static let pkg = "example.com/dmrace/devicemanager"

    static func frame(_ function: String, _ file: String, _ line: Int) -> Frame {
        Frame(function: function, file: "/src/dmrace/devicemanager/" + file, line: line)
    }

    static func rate(_ arch: String, _ hits: Int, _ runs: Int = 50) -> ArchRate {
        ArchRate(arch: arch, occurrences: hits, runs: runs, ci95: Proportions.wilson(hits, runs))
    }

    static func runID(_ arch: String, _ n: Int) -> Int { (arches.firstIndex(of: arch) ?? 0) * 50 + n }

    static func make() -> Analysis {
        let runs = arches.enumerated().flatMap { a, arch in
            (0..<50).map { n in
                Run(id: a * 50 + n, path: "\(arch)/run-\(n + 1).log", arch: arch, archSource: .path(arch), format: .goTestText)
            }
        }
        let read = RaceAccess(
            kind: .read, atomic: false, previous: false, address: "0x00c000012345", goroutine: .id(9),
            frames: [
                frame("\(pkg).initHandler", "device_controller.go", 32),
                frame("\(pkg).(*DeviceController).refreshPlugins", "device_controller.go", 74),
                frame("\(pkg).(*DeviceController).Run", "device_controller.go", 66),
                frame("runtime.goexit", "asm_amd64.s", 1598),
            ])
        let write = RaceAccess(
            kind: .write, atomic: false, previous: true, address: "0x00c000012345", goroutine: .id(7),
            frames: [
                frame("\(pkg).setupController", "device_controller_test.go", 70),
                frame("\(pkg).TestDeviceController.func2", "device_controller_test.go", 125),
                frame("testing.tRunner", "testing.go", 1446),
                frame("github.com/onsi/ginkgo/v2.(*Suite).runNode", "suite.go", 900),
            ])
        let report = RaceReport(
            accesses: [read, write],
            creations: [
                GoroutineCreation(goroutine: 9, state: "running", frames: [
                    frame("\(pkg).setupController", "device_controller_test.go", 75),
                    frame("testing.tRunner", "testing.go", 1446),
                ])
            ],
            location: .global(name: "\(pkg).Handler", size: 16, address: "0x000001234560", file: "/src/dmrace/devicemanager/device_controller.go", line: 21),
            tests: ["TestDeviceController/updates_plugins"], occurrence: Occurrence(runID: runID("s390x", 0), line: 12), endLine: 40)
        let raceHits = [("amd64", 2), ("arm64", 14), ("s390x", 30)]
        let race = FlakeGroup(
            id: "r1a2b3", kind: .race, title: "data race: devicemanager.initHandler ↔ devicemanager.setupController",
            signature: "race|initHandler|setupController", tests: ["TestDeviceController/updates_plugins", "TestDeviceController/removes_plugins"],
            packages: [pkg], perArch: raceHits.map { rate($0.0, $0.1) }, archDifferenceP: 0.0000012,
            occurrences: raceHits.flatMap { arch, hits in (0..<min(hits, 3)).map { Occurrence(runID: runID(arch, $0), line: 12) } },
            race: RaceDetail(
                example: report,
                hints: [DiagnosisHint(kind: .packageLevelVariable, message: "package-level variable Handler is written by test setup while a controller goroutine reads it",
                                      evidence: ["devicemanager.setupController (device_controller_test.go:70)", "devicemanager.initHandler (device_controller.go:32)"])],
                ambiguousAttributions: 0),
            failure: nil)
        let failure = FlakeGroup(
            id: "f4e5d6", kind: .failure, title: "TestDeviceController/updates_plugins: expected 3 plugins, got 2",
            signature: "fail|updates", tests: ["TestDeviceController/updates_plugins"], packages: [pkg],
            perArch: [rate("amd64", 1), rate("arm64", 5), rate("s390x", 9)], archDifferenceP: 0.021,
            occurrences: [Occurrence(runID: runID("s390x", 1), line: 30)], race: nil,
            failure: FailureDetail(maskedMessage: "device_controller_test.go:<N>: expected <N> plugins, got <N>",
                                   exampleMessage: "device_controller_test.go:131: expected 3 plugins, got 2", stack: []))
        let panic = FlakeGroup(
            id: "p7f8a9", kind: .panic, title: "TestPluginRegistry: panic: assignment to entry in nil map",
            signature: "panic|registry", tests: ["TestPluginRegistry"], packages: [pkg],
            perArch: [rate("amd64", 0), rate("arm64", 1), rate("s390x", 0)], archDifferenceP: 1,
            occurrences: [Occurrence(runID: runID("arm64", 3), line: 50)], race: nil,
            failure: FailureDetail(maskedMessage: "assignment to entry in nil map", exampleMessage: "panic: assignment to entry in nil map",
                                   stack: [frame("\(pkg).(*PluginRegistry).Add", "plugin_registry.go", 40), frame("testing.tRunner", "testing.go", 1446)]))
        let timeout = FlakeGroup(
            id: "t0b1c2", kind: .timeout, title: "TestDeviceController: test timed out after 2m0s",
            signature: "timeout", tests: ["TestDeviceController"], packages: [pkg],
            perArch: [rate("amd64", 0), rate("arm64", 0), rate("s390x", 2)], archDifferenceP: 0.49,
            occurrences: [Occurrence(runID: runID("s390x", 7), line: 80)], race: nil,
            failure: FailureDetail(maskedMessage: "test timed out after <DURATION>", exampleMessage: "panic: test timed out after 2m0s", stack: []))
        func counts(_ failed: [Int]) -> [TestArchCounts] {
            zip(arches, failed).map { TestArchCounts(arch: $0, passed: 50 - $1, failed: $1, skipped: 0) }
        }
        let tests = [
            TestSummary(name: "TestDeviceController/updates_plugins", package: pkg, perArch: counts([2, 15, 31]), verdict: .flaky, groupIDs: ["r1a2b3", "f4e5d6"]),
            TestSummary(name: "TestDeviceController/removes_plugins", package: pkg, perArch: counts([0, 3, 8]), verdict: .flaky, groupIDs: ["r1a2b3"]),
            TestSummary(name: "TestPluginRegistry", package: pkg, perArch: counts([0, 1, 0]), verdict: .flaky, groupIDs: ["p7f8a9"]),
            TestSummary(name: "TestDeviceInfoCache", package: pkg, perArch: counts([0, 0, 0]), verdict: .passing, groupIDs: []),
        ]
        let summaries = arches.map { arch in
            ArchSummary(arch: arch, runs: 50, failedRuns: arch == "amd64" ? 3 : arch == "arm64" ? 18 : 33,
                        raceRuns: raceHits.first { $0.0 == arch }!.1)
        }
        return Analysis(runs: runs, arches: summaries, groups: [race, failure, panic, timeout], tests: tests, problems: [])
    }
}

/// Logs made up in memory: every run has 100 lines, a race report at lines 12–40.
struct FixtureLogSource: LogSource {
    func lines(of run: Run) -> Result<[String], LogSourceError> {
        .success((1...100).map { n in
            switch n {
            case 11: "=== RUN   TestDeviceController/updates_plugins"
            case 12, 40: "=================="
            case 13: "WARNING: DATA RACE"
            case 14: "Read at 0x00c000012345 by goroutine 9:"
            case 15...39: "  frame line \(n) of \(run.path)"
            default: "log line \(n) of \(run.path)"
            }
        })
    }

    func filePath(of run: Run) -> String? { "/logs/" + run.path }
}
