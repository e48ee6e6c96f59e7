/// A string key hashed once over its UTF-8 (`ByteHash`): for the memo tables that every frame of
/// every report consults, where the standard SipHash over long function names dominated.
struct HashedString: Hashable, Sendable {
    let string: String
    private let hashValue64: UInt64

    init(_ string: String) {
        self.string = string
        hashValue64 = ByteHash.hash(string)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hashValue64) }

    static func == (a: HashedString, b: HashedString) -> Bool { a.hashValue64 == b.hashValue64 && a.string == b.string }
}
