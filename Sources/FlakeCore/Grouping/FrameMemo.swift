#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread memo of what flaketui works out about a function name (in-project or not, its
/// normalised form, the test it belongs to). Every frame of every report asks; a table shared
/// by the parsing threads behind a lock made them take turns, so each thread keeps its own.
final class FrameMemo {
    var classifications: [HashedString: FrameClassifier.Classification] = [:]
    var testSplits: [HashedString: TestNames.Split?] = [:]

    /// The calling thread's memo, made on first use and freed when the thread ends.
    static var current: FrameMemo {
        if let raw = pthread_getspecific(key) { return Unmanaged<FrameMemo>.fromOpaque(raw).takeUnretainedValue() }
        let memo = FrameMemo()
        pthread_setspecific(key, Unmanaged.passRetained(memo).toOpaque())
        return memo
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<FrameMemo>.fromOpaque(raw).release()
        }
        return key
    }()
}
