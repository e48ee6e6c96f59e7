/// A test by package and name, hashed once on the worker thread that parsed it: the fold on
/// the main thread meets every test of every run, and SipHash over both names dominated it.
struct TestKey: Hashable, Sendable {
    let package: String
    let name: String
    private let hashValue64: UInt64

    init(package: String, name: String) {
        self.package = package
        self.name = name
        hashValue64 = ByteHash.hash(name, seed: ByteHash.hash(package))
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hashValue64) }

    static func == (a: TestKey, b: TestKey) -> Bool { a.hashValue64 == b.hashValue64 && a.name == b.name && a.package == b.package }
}

/// Pass, fail and skip counts per test and architecture, added to one run at a time.
struct TestTallies {
    struct Tally {
        var passed = 0, failed = 0, skipped = 0
    }

    private var index: [TestKey: Int] = [:]
    private(set) var keys: [TestKey] = []
    /// By test, then by architecture (as numbered in `arches`).
    private var counts: [[Tally]] = []
    private var arches: [String] = []

    /// The architecture's number; there are a handful, so a scan beats a hash.
    mutating func archNumber(_ arch: String) -> Int {
        if let number = arches.firstIndex(of: arch) { return number }
        arches.append(arch)
        return arches.count - 1
    }

    mutating func add(_ key: TestKey, _ outcome: TestOutcome, archNumber: Int) {
        let test: Int
        if let known = index[key] {
            test = known
        } else {
            test = keys.count
            index[key] = test
            keys.append(key)
            counts.append([])
        }
        if counts[test].count <= archNumber { counts[test] += Array(repeating: Tally(), count: archNumber + 1 - counts[test].count) }
        switch outcome {
        case .passed: counts[test][archNumber].passed += 1
        case .failed: counts[test][archNumber].failed += 1
        case .skipped: counts[test][archNumber].skipped += 1
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
