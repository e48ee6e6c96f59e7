/// A fast, non-cryptographic hash of bytes for the in-memory tables of ingest (interned names,
/// frame memos, test keys). It takes eight bytes per step, where FNV-1a took one: names are
/// long (Go import paths) and every frame line hashes two of them. Not stable across versions;
/// group ids use their own FNV-1a.
enum ByteHash {
    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int, seed: UInt64 = ByteHash.seed) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var h = seed ^ (UInt64(truncatingIfNeeded: count) &* 0xFF51_AFD7_ED55_8CCD)
        var i = 0
        while i + 8 <= count {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < count, count >= 8 {
            // The last eight bytes, overlapping the words already taken.
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        } else if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail)
        }
        return finish(h)
    }

    static func hash(_ string: String, seed: UInt64 = ByteHash.seed) -> UInt64 {
        ByteLine.withBytes(of: string) { hash($0.base, $0.count, seed: seed) }
    }

    /// A hash of `h` and one more word, for keys made of a few words.
    @inline(__always) static func combine(_ h: UInt64, _ word: UInt64) -> UInt64 { finish(mix(h ^ word)) }

    @inline(__always) private static func mix(_ h: UInt64) -> UInt64 {
        let m = h &* 0xC4CE_B9FE_1A85_EC53
        return m ^ (m >> 29)
    }

    @inline(__always) private static func finish(_ h: UInt64) -> UInt64 {
        var h = h ^ (h >> 33)
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 33)
    }
}
