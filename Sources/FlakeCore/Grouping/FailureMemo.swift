/// A failure's masked message, signature and title by what they are made of, remembered per
/// worker thread: a test fails with the same message run after run, and masking the message and
/// building the signature was most of a lane log's digest. Entries hold their own strings (the
/// key compares text, not identity), so a memo is safe for any run; it is emptied past `limit`.
///
/// Looked up by the masked message, masked into a buffer the memo keeps: a message that carries
/// a duration or a count differs in every run, so a memo by the message itself missed nearly
/// every time on lane logs (hundreds of packages overflow it), and each miss built a masked
/// `String` only to find it known.
final class FailureMemo {
    /// Shared by every failure that masks alike: one reference to copy, hand over and free,
    /// where its four fields were retained and released each time.
    final class Made: Sendable {
        let masked: String
        let signature: HashedString
        let title: @Sendable () -> String
        /// The group's tests as the fold takes them (the one test): made once, not per failure.
        let tests: [String]

        init(masked: String, signature: HashedString, title: @escaping @Sendable () -> String, tests: [String]) {
            self.masked = masked
            self.signature = signature
            self.title = title
            self.tests = tests
        }
    }

    private struct Entry {
        let kind: GroupKind
        let package: String
        let test: String
        let extraKey: String
        let made: Made

        func matches(kind: GroupKind, package: String, test: String, extraKey: String, masked: ByteLine) -> Bool {
            self.kind == kind && self.test == test && self.package == package && self.extraKey == extraKey
                && masked.equals(made.masked)
        }
    }

    private var entries = BoundedBuckets<Entry>(limit: limit, perKey: 4)
    private var scratch: [UInt8] = []
    static let limit = 4096

    func made(kind: GroupKind, package: String, test: String, message: String, extraKey: String) -> Made {
        // Chained by hand: a loop over an array literal allocated the array for every failure.
        let head = ByteHash.hash(extraKey, seed: ByteHash.hash(test, seed: ByteHash.hash(package, seed: kind.hashSeed)))
        return ByteLine.withBytes(of: message) { message in
            let room = MessageMasker.room(for: message.count)
            if scratch.count < room { scratch = Array(repeating: 0, count: max(room, 2 * scratch.count)) }
            return scratch.withUnsafeMutableBufferPointer { scratch in
                let count = MessageMasker.mask(UnsafeBufferPointer(start: message.base, count: message.count), into: scratch)
                let masked = ByteLine(base: UnsafePointer(scratch.baseAddress!), count: count)
                let key = ByteHash.hash(masked.base, masked.count, seed: head)
                if let bucket = entries[key] {
                    for entry in bucket where entry.matches(kind: kind, package: package, test: test, extraKey: extraKey, masked: masked) {
                        return entry.made
                    }
                }
                let made = Self.make(kind: kind, package: package, test: test, masked: masked.string, extraKey: extraKey)
                if entries.isFull { entries.removeAll() }
                entries.insert(Entry(kind: kind, package: package, test: test, extraKey: extraKey, made: made), for: key)
                return made
            }
        }
    }

    /// What a failure with this masked message contributes, without a memo.
    static func make(kind: GroupKind, package: String, test: String, masked: String, extraKey: String) -> Made {
        Made(
            masked: masked, signature: HashedString("\(kind.rawValue)|\(package)|\(test)|\(masked)|\(extraKey)"),
            title: { RunDigest.failureTitle(kind: kind, package: package, test: test, masked: masked) }, tests: [test])
    }
}

extension GroupKind {
    /// Where a memo key's hash starts for this kind, without hashing its name.
    fileprivate var hashSeed: UInt64 {
        let number: UInt64
        switch self {
        case .race: number = 1
        case .failure: number = 2
        case .panic: number = 3
        case .timeout: number = 4
        case .build: number = 5
        }
        return ByteHash.combine(ByteHash.seed, number)
    }
}
