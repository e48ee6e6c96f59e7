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
    /// By test: the test that came after it in the last run that had it, or -1. Runs of a lane
    /// list the same tests in the same order, so the next test is nearly always that one, and
    /// comparing two names (interned: the same storage) is cheaper than hashing them.
    private var followers: [Int] = []
    /// The first test of the last run.
    private var firstTest = -1
    /// By test, then by architecture (as numbered in `arches`).
    private var counts: [[Tally]] = []
    private var arches: [String] = []

    /// The architecture's number; there are a handful, so a scan beats a hash.
    mutating func archNumber(_ arch: String) -> Int {
        if let number = arches.firstIndex(of: arch) { return number }
        arches.append(arch)
        return arches.count - 1
    }

    /// Every test result of one run.
    mutating func add(testsOf log: ParsedLog, arch: String) {
        let arch = archNumber(arch)
        var previous = -1
        for position in log.tests.indices {
            let predicted = previous >= 0 ? followers[previous] : firstTest
            let test: Int
            if predicted >= 0, keys[predicted].name == log.tests[position].name,
                keys[predicted].package == log.tests[position].package
            {
                test = predicted
            } else {
                test = number(of: TestKey(package: log.tests[position].package, name: log.tests[position].name))
                if previous >= 0 { followers[previous] = test } else { firstTest = test }
            }
            count(test, log.tests[position].outcome, archNumber: arch)
            previous = test
        }
    }

    /// Adds another's counts to these.
    mutating func merge(_ other: TestTallies) {
        let numbers = other.arches.map { archNumber($0) }
        for (test, key) in other.keys.enumerated() {
            for (otherNumber, tally) in other.counts[test].enumerated() {
                add(key, .passed, archNumber: numbers[otherNumber], times: tally.passed)
                add(key, .failed, archNumber: numbers[otherNumber], times: tally.failed)
                add(key, .skipped, archNumber: numbers[otherNumber], times: tally.skipped)
            }
        }
    }

    mutating func add(_ key: TestKey, _ outcome: TestOutcome, archNumber: Int, times: Int = 1) {
        count(number(of: key), outcome, archNumber: archNumber, times: times)
    }

    /// The test's number, given one if it is new.
    private mutating func number(of key: TestKey) -> Int {
        if let known = index[key] { return known }
        index[key] = keys.count
        keys.append(key)
        counts.append([])
        followers.append(-1)
        return keys.count - 1
    }

    private mutating func count(_ test: Int, _ outcome: TestOutcome, archNumber: Int, times: Int = 1) {
        if counts[test].count <= archNumber { counts[test] += Array(repeating: Tally(), count: archNumber + 1 - counts[test].count) }
        switch outcome {
        case .passed: counts[test][archNumber].passed += times
        case .failed: counts[test][archNumber].failed += times
        case .skipped: counts[test][archNumber].skipped += times
        }
    }

    /// The test's counts by architecture name, for the architectures it ran on; nil for a test never seen.
    func perArch(_ key: TestKey) -> [String: Tally]? {
        guard let test = index[key] else { return nil }
        var result: [String: Tally] = [:]
        for (number, tally) in counts[test].enumerated() where tally.passed + tally.failed + tally.skipped > 0 {
            result[arches[number]] = tally
        }
        return result
    }
}
