/// A string key hashed once over its UTF-8 (`ByteHash`): for the memo tables that every frame of
/// every report consults, where the standard SipHash over long function names dominated.
struct HashedString: PrehashedKey, Sendable {
    let string: String
    let prehash: UInt64

    init(_ string: String) {
        self.string = string
        prehash = ByteHash.hash(string)
    }

    static func == (a: HashedString, b: HashedString) -> Bool { a.prehash == b.prehash && a.string == b.string }
}
