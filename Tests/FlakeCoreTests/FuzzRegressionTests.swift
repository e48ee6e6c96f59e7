import Foundation
import Testing
@testable import FlakeCore

/// Every input `scripts/fuzz.sh` ever crashed on, kept in Fixtures/fuzz-regressions/ and replayed
/// through the fuzz target's body. Running to the end is the assertion: a crash fails the run.
@Suite struct FuzzRegressionTests {
    static let folder = Fixtures.path("fuzz-regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func replays(_ name: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name))
        bytes.withUnsafeBytes { FuzzHarness.exercise($0) }
    }

    @Test func nonUTF8ElementNameInJUnitIsAProblemNotATrap() throws {
        // crash-2fdf61…: `<\u{F6}\u{FF}\0\n`, the first crash the fuzzer found.
        let log = JUnitReader(runID: 0).read(Data([0x3C, 0xF6, 0xFF, 0x00, 0x0A]))
        #expect(log.warnings.contains("invalid UTF-8 in the XML: replaced with U+FFFD before parsing"))
    }
}
