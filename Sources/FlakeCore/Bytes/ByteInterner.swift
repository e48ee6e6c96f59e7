/// One shared `String` for each distinct byte sequence a parser decodes (test names, packages,
/// frame functions and files), so that memory grows with the distinct content of the logs, not
/// with their size, and a repeated name costs a hash and a compare instead of a decode and an
/// allocation. One per worker thread: no locks; a name seen by two workers is stored twice.
final class ByteInterner: @unchecked Sendable {
    private var hashes: [UInt64]
    private var strings: [String?]
    private var mask: Int
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
        strings = Array(repeating: nil, count: size)
        mask = size - 1
    }

    func string(_ bytes: ByteLine) -> String {
        let hash = ByteHash.hash(bytes.base, bytes.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let existing = strings[slot] {
            if hashes[slot] == hash, bytes.equals(existing) { return existing }
            slot = (slot + 1) & mask
        }
        var created = bytes.string
        ImmortalStrings.immortalize(&created)
        hashes[slot] = hash
        strings[slot] = created
        count += 1
        if count * 2 > hashes.count { grow() }
        return created
    }

    private func grow() {
        let oldHashes = hashes, oldStrings = strings
        let size = hashes.count * 2
        hashes = Array(repeating: 0, count: size)
        strings = Array(repeating: nil, count: size)
        mask = size - 1
        for (hash, string) in zip(oldHashes, oldStrings) {
            guard let string else { continue }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while strings[slot] != nil { slot = (slot + 1) & mask }
            hashes[slot] = hash
            strings[slot] = string
        }
    }
}
