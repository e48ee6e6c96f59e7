import Testing

@testable import FlakeCore

/// A search anchored on a rare byte of the literal finds what the plain search finds.
@Suite struct ByteLineSearchTests {
    private static let lines = [
        "    testing.go:1319: race detected during execution of test",
        "race detected during execution of test",
        "race detected during execution of tes",
        "x race detected during execution of test x",
        "extra race detected during execution of texts",
        "exexexex", "", "x", "    device_controller_test.go:278: expected 0 orphaned sockets, found 3",
    ]

    @Test func anchoredSearchAgreesWithThePlainOne() {
        for line in Self.lines {
            Array(line.utf8).withUnsafeBufferPointer { buffer in
                let bytes = ByteLine(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count)
                for anchor in [0, 5, 22, 37, 60] {
                    #expect(
                        bytes.contains("race detected during execution of test", anchor: anchor)
                            == bytes.contains("race detected during execution of test"), "\(line) at \(anchor)")
                }
            }
        }
    }
}
