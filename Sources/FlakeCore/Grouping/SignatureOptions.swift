/// How much of a stack goes into a race's signature.
public struct SignatureOptions: Sendable, Hashable {
    /// In-project frames kept per access. One, the function that made the access, by default:
    /// a deeper stack splits one race by its callers (the same setup helper called from two
    /// tests), which is not what a person triaging it wants; `--signature-depth` raises it.
    public var depth: Int
    /// Keep line numbers (`--strict-signatures`): the same race after an edit becomes a new group.
    public var keepLineNumbers: Bool

    public init(depth: Int = 1, keepLineNumbers: Bool = false) {
        self.depth = depth
        self.keepLineNumbers = keepLineNumbers
    }
}
