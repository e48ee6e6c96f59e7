/// A string by its two words, as a table key: equal keys are the same string (the same storage,
/// or the same small string) while the strings are alive. For sets that mostly see the very
/// strings they saw before (one interner's names): a key hashes two words where the string's
/// bytes were hashed and compared. Strings equal in text but not in storage are different keys,
/// so such a set only saves work in front of one keyed by text.
struct StringIdentityKey: PrehashedKey {
    let words: (UInt64, UInt64)
    let prehash: UInt64

    init(_ string: String) {
        words = unsafeBitCast(string, to: (UInt64, UInt64).self)
        prehash = ByteHash.combine(words.0, words.1)
    }

    static func == (a: StringIdentityKey, b: StringIdentityKey) -> Bool { a.words == b.words }
}
