@testable import FlakeCore

/// libFuzzer's entry point; libFuzzer supplies `main`. Built only by `scripts/fuzz.sh`
/// (the target exists when `FLAKETUI_FUZZ=1`), so normal builds never see it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.exercise(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
