/// Reads a race's stacks for the causes that took KubeVirt's investigation days to see. Reports
/// are observed one at a time and not kept: each hint is settled by the first report that shows
/// it, and addresses are only counted.
struct RaceDiagnosis {
    /// What the hints need of a report's stacks alone: the same for every report of one race.
    /// A class: made once per distinct report and shared by all its copies, which the fold
    /// passes on for every report.
    final class StackFacts: Sendable {
        let setupWrite: DiagnosisHint?
        /// The first access's first in-project frame, which names a shared address.
        let firstAccessFrame: Frame?
        /// By creation: the test whose stack started the goroutine, and what the hint says of
        /// it. Worked out once per distinct set of stacks: every report of a group asked it of
        /// the same frames again, on the folding thread.
        let creators: [Creator?]
        /// By access: its first in-project frame, described.
        let accessPlaces: [String?]

        struct Creator: Sendable {
            let test: String
            /// `file.go:12` of the creating test's frame.
            let place: String
            /// The first in-project frame of the creation stack, when it is another one.
            let startedBy: String?
        }

        init(_ report: RaceReport) {
            setupWrite = RaceDiagnosis.testSetupWrite(report)
            firstAccessFrame = report.accesses.first.flatMap { RaceSignature.inProjectFrames($0.frames).first }
            creators = report.creations.map { creation in
                guard let frame = creation.frames.first(where: { TestNames.split(function: $0.function) != nil }),
                    let test = TestNames.split(function: frame.function)?.test
                else { return nil }
                let creating = creation.frames.first { FrameClassifier.isInProject($0.function) }
                return Creator(
                    test: test, place: "\(FrameClassifier.baseName(frame.file)):\(frame.line)",
                    startedBy: creating.flatMap { $0 != frame ? RaceDiagnosis.describe($0) : nil })
            }
            accessPlaces = report.accesses.map { access in
                RaceSignature.inProjectFrames(access.frames).first.map(RaceDiagnosis.describe)
            }
        }
    }

    private var outlived: DiagnosisHint?
    private var setupWrite: DiagnosisHint?
    private var global: DiagnosisHint?
    /// Runs in which each (architecture, address) raced outside the heap, and a frame naming it.
    /// Both key strings are shared or inline (addresses are short), so an entry allocates nothing.
    private var runsByArchAndAddress: [AddressKey: AddressSeen] = [:]

    /// Every report of every run looks its address up here, on the folding thread: hashed with
    /// `ByteHash`, as SipHash over the two strings cost more than the rest of the observation.
    private struct AddressKey: PrehashedKey, Comparable {
        let arch: String
        let address: String
        let prehash: UInt64

        init(arch: String, address: String) {
            self.arch = arch
            self.address = address
            prehash = ByteHash.hash(address, seed: ByteHash.hash(arch))
        }

        static func == (a: AddressKey, b: AddressKey) -> Bool {
            a.prehash == b.prehash && a.address == b.address && a.arch == b.arch
        }

        static func < (a: AddressKey, b: AddressKey) -> Bool { (a.arch, a.address) < (b.arch, b.address) }
    }

    private struct AddressSeen {
        var runs = 0
        var lastRun = -1
        /// The stack facts of the first report here with a frame naming the address: one
        /// reference, where a copy of the frame retained its two strings for every new address
        /// (heap addresses are new in every run) and made each entry three times the size.
        var facts: StackFacts?

        var frame: Frame? { facts?.firstAccessFrame }

        mutating func record(run: Int, facts: StackFacts) {
            if lastRun != run {
                runs += 1
                lastRun = run
            }
            if self.facts == nil, case .some = facts.firstAccessFrame { self.facts = facts }
        }
    }

    /// One report of the group, seen in run `runID` on `arch`. `stackFacts` are worked out on the
    /// parsing thread, once per distinct report (`RaceStackMemo`). The parts are passed as they
    /// are, not gathered in a struct first: its copies retained every array and string of the
    /// report on the folding thread, a quarter of that thread's work.
    mutating func observe(report: ParsedRaceReport, detectedIn: [String], arch: String, runID: Int, stackFacts: StackFacts) {
        // Tested by pattern: `== nil` compared through `Equatable`, copying and destroying a
        // hint for every report.
        if case .none = outlived { outlived = Self.goroutineOutlivedTest(report: report, detectedIn: detectedIn, facts: stackFacts) }
        if case .none = setupWrite { setupWrite = stackFacts.setupWrite }
        if case .none = global { global = Self.globalVariable(report) }
        if case .heap = report.location { return }
        guard let address = report.firstAccessAddress else { return }
        let key = AddressKey(arch: arch, address: address)
        // Changed in place: one lookup.
        runsByArchAndAddress[key, default: AddressSeen()].record(run: runID, facts: stackFacts)
        // Heap addresses differ from run to run: without a bound the table would grow with the
        // logs. Addresses seen in one run only are forgotten when it fills; those seen in two or
        // more (the ones the hint is about) stay. The bound is per group, and a folder of lane
        // logs has hundreds of race groups: 4,096 entries each held 35 MB on a 1 GB tree.
        if runsByArchAndAddress.count > Self.addressLimit {
            runsByArchAndAddress = runsByArchAndAddress.filter { $0.value.runs >= 2 }
            // Room to fill up again at once: grown from the filtered size, it was rehashed at every doubling.
            runsByArchAndAddress.reserveCapacity(Self.addressLimit + 1)
            if runsByArchAndAddress.count > Self.addressLimit / 2 { Self.keepBusiest(&runsByArchAndAddress) }
        }
    }

    static let addressLimit = 256

    /// Addresses the table holds (bounded by `addressLimit`).
    var trackedAddresses: Int { runsByArchAndAddress.count }

    /// Keeps the half of the table seen in the most runs (ties by key, so the result does not depend on hashing).
    private static func keepBusiest(_ table: inout [AddressKey: AddressSeen]) {
        let kept = table.sorted { ($0.value.runs, $1.key) > ($1.value.runs, $0.key) }.prefix(addressLimit / 2)
        table = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }

    var hints: [DiagnosisHint] {
        [outlived, setupWrite, global ?? sharedAddress].compactMap { $0 }
    }

    /// The same address in separate runs of one architecture: heap memory moves, globals do not.
    private var sharedAddress: DiagnosisHint? {
        guard
            let (key, entry) = runsByArchAndAddress.filter({ $0.value.runs >= 2 })
                .max(by: { ($0.value.runs, $1.key) < ($1.value.runs, $0.key) })
        else { return nil }
        var evidence = ["the same address \(key.address) in \(entry.runs) separate runs on \(key.arch)"]
        if let frame = entry.frame { evidence.append("accessed in \(Self.describe(frame))") }
        return DiagnosisHint(
            kind: .packageLevelVariable,
            message: "a package-level variable shared across tests (heap memory moves between runs)",
            evidence: evidence)
    }

    static func describe(_ frame: Frame) -> String {
        "\(FrameClassifier.shortFunction(frame.function)) (\(FrameClassifier.baseName(frame.file)):\(frame.line))"
    }

    /// An access by a goroutine that a different test created, while another test ran.
    /// `facts`: the report's stacks' (see `StackFacts`); the goroutine ids are the report's own.
    private static func goroutineOutlivedTest(report: ParsedRaceReport, detectedIn: [String], facts: StackFacts) -> DiagnosisHint? {
        guard !detectedIn.isEmpty else { return nil }
        // Read from a copy's numbers: no report is made of it (see `RepeatedRaceReport`).
        for index in 0..<report.accessCount {
            guard case .id(let id) = report.goroutine(ofAccess: index),
                let creation = report.creationIndex(ofGoroutine: id), creation < facts.creators.count,
                let creator = facts.creators[creation]
            else { continue }
            // Asked of every report until a group has the hint: no array or string is made.
            guard let victim = detectedIn.first(where: { !Self.isSameOrSubtest($0, of: creator.test) }) else { continue }
            var evidence = ["goroutine \(id) started in \(creator.test) (\(creator.place))"]
            if let startedBy = creator.startedBy { evidence.append("started by \(startedBy)") }
            if index < facts.accessPlaces.count, let place = facts.accessPlaces[index] {
                evidence.append("raced during \(victim) in \(place)")
            } else {
                evidence.append("raced during \(victim)")
            }
            return DiagnosisHint(
                kind: .goroutineOutlivedTest,
                message:
                    "a goroutine outlived the test that started it (an earlier test's worker still running)",
                evidence: evidence)
        }
        return nil
    }

    /// `test` itself or one of its subtests (`test/…`), compared as bytes (as Go names them).
    private static func isSameOrSubtest(_ name: String, of test: String) -> Bool {
        ByteLine.withBytes(of: name) { name in
            ByteLine.withBytes(of: test) { test in
                name.count >= test.count && name.prefix(test.count).equals(test) && (name.count == test.count || name[test.count] == 0x2F)
            }
        }
    }

    /// A write from test code (setup) against a read in package code.
    fileprivate static func testSetupWrite(_ report: RaceReport) -> DiagnosisHint? {
        guard let write = report.accesses.first(where: { $0.kind == .write }),
            let read = report.accesses.first(where: { $0.kind == .read }),
            let writeFrame = RaceSignature.inProjectFrames(write.frames).first,
            let readFrame = RaceSignature.inProjectFrames(read.frames).first,
            writeFrame.file.hasSuffix("_test.go"), !readFrame.file.hasSuffix("_test.go")
        else { return nil }
        return DiagnosisHint(
            kind: .testSetupWrite,
            message: "test setup writes what package code reads",
            evidence: [
                "write in test code: \(describe(writeFrame))",
                "read in package code: \(describe(readFrame))",
            ])
    }

    /// The report names the racing memory as a global (newer Go prints `Global var …`).
    private static func globalVariable(_ report: ParsedRaceReport) -> DiagnosisHint? {
        // Asked of every report of a group without one: told apart without copying the location.
        guard report.globalVariable != nil, case .global(let name, _, _, let file, let line) = report.location else { return nil }
        return DiagnosisHint(
            kind: .packageLevelVariable,
            message: "a package-level variable, shared by every test in the binary",
            evidence: [
                "\(FrameClassifier.shortFunction(name)) declared at \(FrameClassifier.baseName(file)):\(line)"
            ])
    }
}
