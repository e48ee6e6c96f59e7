/// A string key hashed once with FNV-1a over its UTF-8: for the memo tables that every frame of
/// every report consults, where the standard SipHash over long function names dominated.
struct HashedString: Hashable, Sendable {
    let string: String
    private let fnv: UInt64

    init(_ string: String) {
        self.string = string
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let fast: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        if fast == nil {
            for byte in string.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        fnv = hash
    }

    func hash(into hasher: inout Hasher) { hasher.combine(fnv) }

    static func == (a: HashedString, b: HashedString) -> Bool { a.fnv == b.fnv && a.string == b.string }
}
