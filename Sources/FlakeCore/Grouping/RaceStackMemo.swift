/// What a race report's stacks give the groups (the signature's two sides, the tests on the
/// stacks and what the diagnosis needs), remembered per worker thread by the stacks themselves:
/// a folder of logs repeats the same few reports with other goroutine ids and addresses, and
/// working them out frame by frame was a tenth of the parse.
///
/// The key is each access's kind, then each frame's function string by identity (its two words)
/// and line, which costs no hashing of names. Equal words mean equal text only while the string
/// is alive, so every entry keeps its strings alive; the memo is emptied when it grows past `limit`.
final class RaceStackMemo {
    /// A class: shared by every report with these stacks, and handed from the memo to the
    /// digest and the fold as one reference, where its four fields were retained and released
    /// at each step for every report.
    final class Stacks: Sendable {
        let sides: [String]
        /// The signature's part from the sides (`RaceSignature.make(sidesPart:location:)` adds the rest).
        let signature: HashedString
        let stackTests: [String]
        let facts: RaceDiagnosis.StackFacts

        init(sides: [String], signature: HashedString, stackTests: [String], facts: RaceDiagnosis.StackFacts) {
            self.sides = sides
            self.signature = signature
            self.stackTests = stackTests
            self.facts = facts
        }
    }

    private struct Key: PrehashedKey {
        let words: [UInt64]
        let prehash: UInt64

        static func == (a: Key, b: Key) -> Bool { a.prehash == b.prehash && a.words == b.words }
    }

    private var entries: [Key: (stacks: Stacks, alive: [String])] = [:]
    /// Reports whose stacks are the very arrays of a report seen before (`StackMemo` and
    /// `RaceBlockMemo` hand out one array for equal stacks), by the arrays' addresses: no key is
    /// built. Each entry holds its arrays, so that an address stays theirs while the entry lives.
    private var bySameArrays: [HashValueKey: (arrays: [[Frame]], writes: [Bool], stacks: Stacks)] = [:]
    /// The key being built, reused from report to report so that its storage is allocated once.
    private var scratch: [UInt64] = []
    /// As many reports as `RaceBlockMemo` keeps: a lane's log of 300 packages repeats some
    /// 6,300 reports, and a limit of 4,096 emptied the memo before any came round again.
    static let limit = 16_384
    private static let functionOffset = MemoryLayout<Frame>.offset(of: \.function)!

    func stacks(of report: RaceReport, _ compute: () -> Stacks) -> Stacks {
        let arraysKey = Self.arraysKey(of: report)
        if let known = bySameArrays[HashValueKey(arraysKey)], Self.hasSameArrays(report, as: known.arrays, writes: known.writes) {
            return known.stacks
        }
        let stacks = stacksByContent(of: report, compute)
        if bySameArrays.count >= Self.limit { bySameArrays.removeAll(keepingCapacity: true) }
        bySameArrays[HashValueKey(arraysKey)] = (
            report.accesses.map(\.frames) + report.creations.map(\.frames), report.accesses.map { $0.kind == .write }, stacks
        )
        return stacks
    }

    private static func address(_ frames: [Frame]) -> UInt64 {
        frames.withUnsafeBufferPointer { UInt64(UInt(bitPattern: $0.baseAddress)) }
    }

    private static func arraysKey(of report: RaceReport) -> UInt64 {
        var key = UInt64(report.accesses.count) << 32 | UInt64(report.creations.count)
        for access in report.accesses {
            key = ByteHash.combine(key, address(access.frames) ^ (access.kind == .write ? 1 : 0))
        }
        for creation in report.creations { key = ByteHash.combine(key, address(creation.frames)) }
        return key
    }

    private static func hasSameArrays(_ report: RaceReport, as arrays: [[Frame]], writes: [Bool]) -> Bool {
        guard arrays.count == report.accesses.count + report.creations.count, writes.count == report.accesses.count else { return false }
        for (index, access) in report.accesses.enumerated()
        where address(access.frames) != address(arrays[index]) || (access.kind == .write) != writes[index] {
            return false
        }
        for (index, creation) in report.creations.enumerated()
        where address(creation.frames) != address(arrays[report.accesses.count + index]) {
            return false
        }
        return true
    }

    /// Keyed by the frames' function strings and lines.
    private func stacksByContent(of report: RaceReport, _ compute: () -> Stacks) -> Stacks {
        scratch.removeAll(keepingCapacity: true)
        func add(_ frames: [Frame], marker: UInt64) {
            scratch.append(marker)
            frames.withUnsafeBufferPointer { frames in
                for index in frames.indices {
                    // The function string's two words, read in place: copying the `Frame` out
                    // would retain and release its strings.
                    let bits = UnsafeRawPointer(frames.baseAddress! + index).load(fromByteOffset: Self.functionOffset, as: (UInt64, UInt64).self)
                    scratch.append(bits.0)
                    scratch.append(bits.1)
                    scratch.append(UInt64(truncatingIfNeeded: frames[index].line))
                }
            }
        }
        // Which side wrote is part of the key: the setup-write hint depends on it.
        for access in report.accesses { add(access.frames, marker: 0xACCE55 << 8 | (access.kind == .write ? 0x57 : 0x52)) }
        for creation in report.creations { add(creation.frames, marker: 0xC4EA7E) }
        let key = scratch.withUnsafeBytes { Key(words: scratch, prehash: ByteHash.hash($0.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count)) }
        if let known = entries[key] { return known.stacks }
        let stacks = compute()
        var alive: [String] = []
        for access in report.accesses { alive += access.frames.map(\.function) }
        for creation in report.creations { alive += creation.frames.map(\.function) }
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = (stacks, alive)
        return stacks
    }
}

/// The stacks worked out for a remembered race report (`RememberedRaceReport`), kept with it:
/// every copy of the report found again has its very frames, so it takes them from here, where
/// a lookup in `RaceStackMemo` copied them out of a table for every report. Filled and read only
/// on the worker thread that remembered the report (the digest's), for the options they were made with.
final class RaceStacksSlot: @unchecked Sendable {
    private var stacks: RaceStackMemo.Stacks?
    private var options = SignatureOptions()

    func stacks(options: SignatureOptions, _ make: () -> RaceStackMemo.Stacks) -> RaceStackMemo.Stacks {
        if let stacks, options == self.options { return stacks }
        let made = make()
        stacks = made
        self.options = options
        return made
    }
}
