/// How much of a stack goes into a race's signature.
public struct SignatureOptions: Sendable, Hashable {
    /// In-project frames kept per access.
    public var depth: Int
    /// Keep line numbers (`--strict-signatures`): the same race after an edit becomes a new group.
    public var keepLineNumbers: Bool

    public init(depth: Int = 2, keepLineNumbers: Bool = false) {
        self.depth = depth
        self.keepLineNumbers = keepLineNumbers
    }
}
