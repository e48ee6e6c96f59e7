import Testing
@testable import FlakeCore

@Suite struct ArchitectureTests {
    @Test(arguments: [
        ("logs/s390x/run-07.log", "s390x"),
        ("pull-kubevirt-unit-test-s390x/1912/build-log.txt", "s390x"),
        ("unit-arm64-3.log", "arm64"),
        ("ci/x86_64/run.log", "amd64"),
        ("ci/x86/run.log", "amd64"),
        ("nightly/aarch64-runner/out.json", "arm64"),
        ("ppc64le-7.txt", "ppc64le"),
    ])
    func pathTokens(path: String, arch: String) throws {
        let inference = try ArchInference(archFrom: nil)
        #expect(inference.fromPath(path)?.arch == arch)
    }

    @Test func runNumbersAreNotThe386() throws {
        let inference = try ArchInference(archFrom: nil)
        #expect(inference.fromPath("s390x/run-386.log")?.arch == "s390x")
        #expect(inference.fromPath("logs/run-386.log") == nil)
        #expect(inference.fromPath("go-linux-386/run-1.log")?.arch == "386")
        #expect(inference.fromPath("386/run-1.log")?.arch == "386")
    }

    @Test func nearestComponentWins() throws {
        let inference = try ArchInference(archFrom: nil)
        #expect(inference.fromPath("amd64-host/s390x/run-1.log")?.arch == "s390x")
        #expect(inference.fromPath("logs/run-1.log") == nil)
    }

    @Test func archFromOverridesThePath() throws {
        let inference = try ArchInference(archFrom: #"^lane-([a-z0-9]+)/"#)
        let found = try #require(inference.fromPath("lane-s390x/amd64/run.log"))
        #expect(found.arch == "s390x")
        #expect(found.source == .override)
    }

    @Test func contentNamesTheArchitectureWhenThePathDoesNot() throws {
        let result = try Fixtures.analyze("go-version-header.log")
        let run = try #require(result.analysis.runs.first)
        #expect(run.arch == "amd64")
        #expect(run.archSource == .content("go version go1.19.8 linux/amd64"))
        #expect(run.goVersion == "go1.19.8")
    }

    @Test func unknownWhenNothingSays() throws {
        let run = try #require(try Fixtures.analyze("panic.log").analysis.runs.first)
        #expect(run.arch == "unknown")
        #expect(run.archSource == .unknown)
    }
}
