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
        /// The slot of the name asked for right after this one last time, plus one (0: none).
        var successor: UInt32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var size: Int
    private var mask: Int
    private let layoutKnown = StringLayout.isKnown
    /// The slot of the name asked for last, or -1.
    private var lastSlot = -1
    private(set) var count = 0
    /// The worker's remembered stacks, kept here because every parser that reads frames already
    /// has the worker's interner (their frames hold its names).
    let stacks: StackMemo
    /// The worker's remembered race reports, kept here for the same reason.
    let races: RaceBlockMemo
    /// The worker's remembered runs of test framing lines (their effects hold its names).
    let framing: TestFramingMemo

    init(
        capacity: Int = 1024, stacks: StackMemo = StackMemo(), races: RaceBlockMemo = RaceBlockMemo(),
        framing: TestFramingMemo = TestFramingMemo()
    ) {
        self.stacks = stacks
        self.races = races
        self.framing = framing
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
    ///
    /// Names come in the same order run after run (a package's tests, one after the other):
    /// the name that followed the last one last time is compared first, and when it is the
    /// one, nothing is hashed.
    func name(_ bytes: ByteLine) -> InternedName {
        if lastSlot >= 0 {
            let predicted = Int(slots[lastSlot].successor) - 1
            if predicted >= 0, bytes.equals(slots[predicted].name, layoutKnown: layoutKnown) {
                lastSlot = predicted
                return slots[predicted].name
            }
        }
        let hash = ByteHash.hash(bytes.base, bytes.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while !slots[slot].name.isVacant {
            if slots[slot].hash == hash, bytes.equals(slots[slot].name, layoutKnown: layoutKnown) {
                follow(with: slot)
                return slots[slot].name
            }
            slot = (slot + 1) & mask
        }
        // Made immortal (or kept forever): names live as long as the analysis anyway.
        let created = InternedName(bytes.string)
        slots[slot] = Slot(hash: hash, name: created, successor: 0)
        count += 1
        if count * 2 > size {
            grow()
        } else {
            follow(with: slot)
        }
        return created
    }

    private func follow(with slot: Int) {
        if lastSlot >= 0 { slots[lastSlot].successor = UInt32(slot + 1) }
        lastSlot = slot
    }

    private func grow() {
        let old = slots, oldSize = size
        size *= 2
        mask = size - 1
        slots = Self.emptySlots(size)
        for index in 0..<oldSize where !old[index].name.isVacant {
            var slot = Int(truncatingIfNeeded: old[index].hash) & mask
            while !slots[slot].name.isVacant { slot = (slot + 1) & mask }
            // Successors name old slots: they are learnt again.
            slots[slot] = Slot(hash: old[index].hash, name: old[index].name, successor: 0)
        }
        old.deallocate()
        lastSlot = -1
    }
}
