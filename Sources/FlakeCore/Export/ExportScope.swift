/// Which part of an analysis an export covers: everything (the CLI) or what the TUI shows.
public struct ExportScope: Sendable, Hashable {
    /// Groups to export, in the order shown; nil exports every group in impact order.
    /// Ids that the analysis does not have are ignored.
    public var groupIDs: [String]?
    /// The group under the cursor: exported expanded, and the last to be dropped for size.
    public var selectedGroupID: String?
    /// How the list was filtered (the TUI's filter text), named in the header.
    public var filterDescription: String?

    public init(groupIDs: [String]? = nil, selectedGroupID: String? = nil, filterDescription: String? = nil) {
        self.groupIDs = groupIDs
        self.selectedGroupID = selectedGroupID
        self.filterDescription = filterDescription
    }

    public static let everything = ExportScope()

    /// The groups in scope, in display order.
    func groups(of analysis: Analysis) -> [FlakeGroup] {
        guard let groupIDs else { return analysis.groups }
        let byID = Dictionary(analysis.groups.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        return groupIDs.compactMap { id in seen.insert(id).inserted ? byID[id] : nil }
    }
}
