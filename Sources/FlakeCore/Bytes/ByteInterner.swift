/// One shared `String` for each distinct byte sequence a parser decodes (test names, packages,
/// frame functions and files), so that memory grows with the distinct content of the logs, not
/// with their size, and a repeated name costs a hash and a compare instead of a decode and an
/// allocation. One per worker thread: no locks; a name seen by two workers is stored twice.
final class ByteInterner: @unchecked Sendable {
    private var hashes: [UInt64]
    private var names: [InternedName?]
    private var mask: Int
    private let layoutKnown = StringLayout.isKnown
    private(set) var count = 0
    /// The worker's remembered stacks, kept here because every parser that reads frames already
    /// has the worker's interner (their frames hold its names).
    let stacks: StackMemo
    /// The worker's remembered race reports, kept here for the same reason.
    let races: RaceBlockMemo

    init(capacity: Int = 1024, stacks: StackMemo = StackMemo(), races: RaceBlockMemo = RaceBlockMemo()) {
        self.stacks = stacks
        self.races = races
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        hashes = Array(repeating: 0, count: size)
        names = Array(repeating: nil, count: size)
        mask = size - 1
    }

    func string(_ bytes: ByteLine) -> String { name(bytes).string }

    /// The name these bytes spell, as a copy that needs no reference counting.
    func name(_ bytes: ByteLine) -> InternedName {
        let hash = ByteHash.hash(bytes.base, bytes.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let existing = names[slot] {
            if hashes[slot] == hash, bytes.equals(existing, layoutKnown: layoutKnown) { return existing }
            slot = (slot + 1) & mask
        }
        // Made immortal (or kept forever): names live as long as the analysis anyway.
        let created = InternedName(bytes.string)
        hashes[slot] = hash
        names[slot] = created
        count += 1
        if count * 2 > hashes.count { grow() }
        return created
    }

    private func grow() {
        let oldHashes = hashes, oldNames = names
        let size = hashes.count * 2
        hashes = Array(repeating: 0, count: size)
        names = Array(repeating: nil, count: size)
        mask = size - 1
        for (hash, name) in zip(oldHashes, oldNames) {
            guard let name else { continue }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while names[slot] != nil { slot = (slot + 1) & mask }
            hashes[slot] = hash
            names[slot] = name
        }
    }
}
