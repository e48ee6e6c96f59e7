#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct runs of bytes (whole lines with their newlines, or line templates) stored once,
/// back to back, each known by its number. Remembered race reports keep their stacks here: the
/// same stacks appear in report after report (every report of a package, every goroutine that
/// `testing` started), so a thousand reports take the room of their distinct stacks and a few
/// numbers each.
final class LineRunTable {
    private var bytes: [UInt8] = []
    /// Where run `id` ends in `bytes` (it starts where the one before ends).
    private var ends: [Int] = []
    private var byHash: [HashValueKey: [UInt32]] = [:]

    var byteCount: Int { bytes.count }

    /// The number of `run`, stored if it is new.
    func id(of run: ByteLine) -> UInt32 {
        let hash = ByteHash.hash(run.base, run.count)
        if let ids = byHash[HashValueKey(hash)] {
            for id in ids where withRuns({ $0.run(id) }).equals(run) { return id }
        }
        let id = UInt32(ends.count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: run.base, count: run.count))
        ends.append(bytes.count)
        byHash[HashValueKey(hash), default: []].append(id)
        return id
    }

    /// The table's storage for the length of `body`: matching many runs is then a compare each,
    /// with no array access checked.
    func withRuns<R>(_ body: (Runs) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                body(Runs(bytes: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, ends: ends.baseAddress ?? UnsafePointer(bitPattern: 8)!))
            }
        }
    }

    struct Runs {
        let bytes: UnsafePointer<UInt8>
        let ends: UnsafePointer<Int>

        /// Run `id`'s bytes (valid inside `withRuns`).
        @inline(__always) func run(_ id: UInt32) -> ByteLine {
            let start = id == 0 ? 0 : ends[Int(id) - 1]
            return ByteLine(base: bytes + start, count: ends[Int(id)] - start)
        }

        /// If `text` holds run `id` at `offset`, the offset after it.
        @inline(__always) func match(_ id: UInt32, in text: ByteLine, at offset: Int) -> Int? {
            let run = run(id)
            guard offset + run.count <= text.count, memcmp(run.base, text.base + offset, run.count) == 0 else { return nil }
            return offset + run.count
        }
    }

    func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        byHash.removeAll(keepingCapacity: true)
    }
}
