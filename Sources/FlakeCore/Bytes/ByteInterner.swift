/// One shared `String` for each distinct byte sequence a parser decodes (test names, packages,
/// frame functions and files), so that memory grows with the distinct content of the logs, not
/// with their size, and a repeated name costs a hash and a compare instead of a decode and an
/// allocation. One per worker thread: no locks; a name seen by two workers is stored twice.
final class ByteInterner: @unchecked Sendable {
    /// Open addressing over one block of slots (a hash and a name side by side, so a probe
    /// touches one cache line; no bounds checks or optionals: this is every name of every line).
    /// A slot whose name's object word is 0 is empty: no string has that word.
    private struct Slot {
        var hash: UInt64
        var name: InternedName
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var size: Int
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
        self.size = size
        mask = size - 1
        slots = Self.emptySlots(size)
    }

    deinit {
        slots.deallocate()
    }

    private static func emptySlots(_ size: Int) -> UnsafeMutablePointer<Slot> {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        UnsafeMutableRawPointer(slots).initializeMemory(as: UInt8.self, repeating: 0, count: size * MemoryLayout<Slot>.stride)
        return slots
    }

    func string(_ bytes: ByteLine) -> String { name(bytes).string }

    /// The name these bytes spell, as a copy that needs no reference counting.
    func name(_ bytes: ByteLine) -> InternedName {
        let hash = ByteHash.hash(bytes.base, bytes.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while !slots[slot].name.isVacant {
            if slots[slot].hash == hash, bytes.equals(slots[slot].name, layoutKnown: layoutKnown) { return slots[slot].name }
            slot = (slot + 1) & mask
        }
        // Made immortal (or kept forever): names live as long as the analysis anyway.
        let created = InternedName(bytes.string)
        slots[slot] = Slot(hash: hash, name: created)
        count += 1
        if count * 2 > size { grow() }
        return created
    }

    private func grow() {
        let old = slots, oldSize = size
        size *= 2
        mask = size - 1
        slots = Self.emptySlots(size)
        for index in 0..<oldSize where !old[index].name.isVacant {
            var slot = Int(truncatingIfNeeded: old[index].hash) & mask
            while !slots[slot].name.isVacant { slot = (slot + 1) & mask }
            slots[slot] = old[index]
        }
        old.deallocate()
    }
}
