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

    private struct Key: Hashable {
        let kind: GroupKind
        let package: String
        let test: String
        let message: String
        let extraKey: String
    }

    private var entries: [Key: Made] = [:]
    static let limit = 4096

    func made(
        kind: GroupKind, package: String, test: String, message: String, extraKey: String, _ make: () -> Made
    ) -> Made {
        let key = Key(kind: kind, package: package, test: test, message: message, extraKey: extraKey)
        if let known = entries[key] { return known }
        let made = make()
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = made
        return made
    }
}
