/// A failure's masked message, signature and title by what they are made of, remembered per
/// worker thread: a test fails with the same message run after run, and masking the message and
/// building the signature was most of a lane log's digest. Entries hold their own strings (the
/// key compares text, not identity), so a memo is safe for any run; it is emptied past `limit`.
final class FailureMemo {
    struct Made {
        let masked: String
        let signature: HashedString
        let title: @Sendable () -> String
    }

    /// Hashed with `ByteHash` once: SipHash over the five strings cost more than half of what
    /// a hit saved.
    private struct Key: PrehashedKey {
        let kind: GroupKind
        let package: String
        let test: String
        let message: String
        let extraKey: String
        let prehash: UInt64

        init(kind: GroupKind, package: String, test: String, message: String, extraKey: String) {
            self.kind = kind
            self.package = package
            self.test = test
            self.message = message
            self.extraKey = extraKey
            // Chained by hand: a loop over an array literal allocated the array for every failure.
            let head = ByteHash.hash(test, seed: ByteHash.hash(package, seed: ByteHash.hash(kind.rawValue)))
            prehash = ByteHash.hash(extraKey, seed: ByteHash.hash(message, seed: head))
        }

        static func == (a: Key, b: Key) -> Bool {
            a.prehash == b.prehash && a.kind == b.kind && a.message == b.message && a.test == b.test
                && a.package == b.package && a.extraKey == b.extraKey
        }
    }

    private var entries: [Key: Made] = [:]
    /// The same by masked message: a message that carries a duration or a count differs in every
    /// run, but its masked form repeats, and with it the signature and title.
    private var entriesByMasked: [Key: Made] = [:]
    static let limit = 4096

    func made(kind: GroupKind, package: String, test: String, message: String, extraKey: String) -> Made {
        let key = Key(kind: kind, package: package, test: test, message: message, extraKey: extraKey)
        if let known = entries[key] { return known }
        let masked = MessageMasker.mask(message)
        let maskedKey = Key(kind: kind, package: package, test: test, message: masked, extraKey: extraKey)
        let made =
            entriesByMasked[maskedKey] ?? Self.make(kind: kind, package: package, test: test, masked: masked, extraKey: extraKey)
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        if entriesByMasked.count >= Self.limit { entriesByMasked.removeAll(keepingCapacity: true) }
        entries[key] = made
        entriesByMasked[maskedKey] = made
        return made
    }

    /// What a failure with this masked message contributes, without a memo.
    static func make(kind: GroupKind, package: String, test: String, masked: String, extraKey: String) -> Made {
        Made(
            masked: masked, signature: HashedString("\(kind.rawValue)|\(package)|\(test)|\(masked)|\(extraKey)"),
            title: { RunDigest.failureTitle(kind: kind, package: package, test: test, masked: masked) })
    }
}
