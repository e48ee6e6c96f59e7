/// What a race report's stacks give the groups (the signature's two sides, the tests on the
/// stacks and what the diagnosis needs), remembered per worker thread by the stacks themselves:
/// a folder of logs repeats the same few reports with other goroutine ids and addresses, and
/// working them out frame by frame was a tenth of the parse.
///
/// The key is each access's kind, then each frame's function string by identity (its two words)
/// and line, which costs no hashing of names. Equal words mean equal text only while the string
/// is alive, so every entry keeps its strings alive; the memo is emptied when it grows past `limit`.
final class RaceStackMemo {
    struct Stacks {
        let sides: [String]
        /// The signature's part from the sides (`RaceSignature.make(sidesPart:location:)` adds the rest).
        let signature: HashedString
        let stackTests: [String]
        let facts: RaceDiagnosis.StackFacts
    }

    private struct Key: Hashable {
        let words: [UInt64]
        let hash: UInt64

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.words == b.words }
    }

    private var entries: [Key: (stacks: Stacks, alive: [String])] = [:]
    static let limit = 4096

    func stacks(of report: RaceReport, _ compute: () -> Stacks) -> Stacks {
        var words: [UInt64] = []
        var alive: [String] = []
        func add(_ frames: [Frame], marker: UInt64) {
            words.append(marker)
            for frame in frames {
                let bits = unsafeBitCast(frame.function, to: (UInt64, UInt64).self)
                words.append(bits.0)
                words.append(bits.1)
                words.append(UInt64(truncatingIfNeeded: frame.line))
            }
        }
        // Which side wrote is part of the key: the setup-write hint depends on it.
        for access in report.accesses { add(access.frames, marker: 0xACCE55 << 8 | (access.kind == .write ? 0x57 : 0x52)) }
        for creation in report.creations { add(creation.frames, marker: 0xC4EA7E) }
        let key = words.withUnsafeBytes { Key(words: words, hash: ByteHash.hash($0.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count)) }
        if let known = entries[key] { return known.stacks }
        let stacks = compute()
        for access in report.accesses { alive += access.frames.map(\.function) }
        for creation in report.creations { alive += creation.frames.map(\.function) }
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = (stacks, alive)
        return stacks
    }
}
