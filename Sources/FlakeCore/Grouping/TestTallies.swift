/// A test by package and name, hashed once on the worker thread that parsed it: the fold on
/// the main thread meets every test of every run, and SipHash over both names dominated it.
struct TestKey: PrehashedKey, Sendable {
    let package: String
    let name: String
    let prehash: UInt64

    init(package: String, name: String) {
        self.package = package
        self.name = name
        prehash = ByteHash.hash(name, seed: ByteHash.hash(package))
    }

    static func == (a: TestKey, b: TestKey) -> Bool { a.prehash == b.prehash && a.name == b.name && a.package == b.package }
}

/// Pass, fail and skip counts per test and architecture, added to one run at a time. Each worker
/// thread keeps its own for the runs it parsed (counts add up in any order), and they are merged
/// once at the end: the fold on the main thread meets every test of every run, and looking each
/// up there was a tenth of it.
struct TestTallies {
    struct Tally {
        var passed = 0, failed = 0, skipped = 0
    }

    private var index: [TestKey: Int] = [:]
    private(set) var keys: [TestKey] = []
    /// By test: its names as results hold them, compared without touching a reference count.
    private var names: [(package: InternedName, test: InternedName)] = []
    /// By test: the test that came after it in the last run that had it, or -1. Runs of a lane
    /// list the same tests in the same order, so the next test is nearly always that one, and
    /// comparing two names (interned: the same storage) is cheaper than hashing them.
    private var followers: [Int] = []
    /// The first test of the last run.
    private var firstTest = -1
    /// By test, then by architecture (as numbered in `arches`): test `t`'s counts are the
    /// `archSlots` from `t * archSlots`. One flat array, so a count is one array access (an array
    /// per test cost a uniqueness check of each level on every result).
    private var counts: [Tally] = []
    private var archSlots = 4
    private var arches: [String] = []

    /// The architecture's number; there are a handful, so a scan beats a hash.
    mutating func archNumber(_ arch: String) -> Int {
        if let number = arches.firstIndex(of: arch) { return number }
        arches.append(arch)
        if arches.count > archSlots { widen(to: 2 * archSlots) }
        return arches.count - 1
    }

    /// Room for more architectures per test: every test's counts move to their wider slots.
    private mutating func widen(to slots: Int) {
        var wider = Array(repeating: Tally(), count: keys.count * slots)
        for test in keys.indices {
            for arch in 0..<archSlots { wider[test * slots + arch] = counts[test * archSlots + arch] }
        }
        counts = wider
        archSlots = slots
    }

    /// Every test result of one run.
    mutating func add(testsOf log: ParsedLog, arch: String) {
        let arch = archNumber(arch)
        var previous = -1
        // Read in place: a copy of a result retains and releases its messages.
        log.tests.withUnsafeBufferPointer { results in
            for position in results.indices {
                let predicted = previous >= 0 ? followers[previous] : firstTest
                let packageName = results[position].packageName, testName = results[position].testName
                let test: Int
                if predicted >= 0, names[predicted].test == testName, names[predicted].package == packageName {
                    test = predicted
                } else {
                    test = number(of: TestKey(package: packageName.string, name: testName.string), names: (packageName, testName))
                    if previous >= 0 { followers[previous] = test } else { firstTest = test }
                }
                count(test, results[position].outcome, archNumber: arch)
                previous = test
            }
        }
    }

    /// Adds another's counts to these.
    mutating func merge(_ other: TestTallies) {
        let numbers = other.arches.map { archNumber($0) }
        for (test, key) in other.keys.enumerated() {
            let mine = number(of: key, names: other.names[test])
            for otherNumber in other.arches.indices {
                let tally = other.counts[test * other.archSlots + otherNumber]
                count(mine, .passed, archNumber: numbers[otherNumber], times: tally.passed)
                count(mine, .failed, archNumber: numbers[otherNumber], times: tally.failed)
                count(mine, .skipped, archNumber: numbers[otherNumber], times: tally.skipped)
            }
        }
    }

    /// The test's number, given one if it is new.
    private mutating func number(of key: TestKey, names interned: (InternedName, InternedName)? = nil) -> Int {
        if let known = index[key] { return known }
        index[key] = keys.count
        keys.append(key)
        names.append(interned ?? (InternedName(key.package), InternedName(key.name)))
        counts.append(contentsOf: repeatElement(Tally(), count: archSlots))
        followers.append(-1)
        return keys.count - 1
    }

    /// `archNumber` is one `archNumber(_:)` gave, so that the test's slots hold it.
    private mutating func count(_ test: Int, _ outcome: TestOutcome, archNumber: Int, times: Int = 1) {
        let slot = test * archSlots + archNumber
        switch outcome {
        case .passed: counts[slot].passed += times
        case .failed: counts[slot].failed += times
        case .skipped: counts[slot].skipped += times
        }
    }

    /// The test's counts by architecture name, for the architectures it ran on; nil for a test never seen.
    func perArch(_ key: TestKey) -> [String: Tally]? {
        guard let test = index[key] else { return nil }
        var result: [String: Tally] = [:]
        for number in arches.indices {
            let tally = counts[test * archSlots + number]
            if tally.passed + tally.failed + tally.skipped > 0 { result[arches[number]] = tally }
        }
        return result
    }
}
