/// A table key that carries its own 64-bit `ByteHash`, made once on the worker thread.
///
/// Such keys hand their hash to `Dictionary` and `Set` straight through `_rawHashValue(seed:)`:
/// going through `hash(into:)` fed the ready hash to SipHash again on every lookup, and that was
/// a twentieth of the parse. The table's seed is still mixed in, so two tables do not order the
/// same keys alike (copying one into the other stays linear).
protocol PrehashedKey: Hashable {
    var prehash: UInt64 { get }
}

extension PrehashedKey {
    func hash(into hasher: inout Hasher) { hasher.combine(prehash) }

    func _rawHashValue(seed: Int) -> Int {
        let mixed = (prehash ^ UInt64(UInt(bitPattern: seed))) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 32))
    }
}

/// A 64-bit hash used as a table key as it is: a `UInt64` key went through SipHash on every
/// lookup of the memos' tables.
struct HashValueKey: PrehashedKey, Sendable {
    let prehash: UInt64

    init(_ hash: UInt64) {
        prehash = hash
    }
}
