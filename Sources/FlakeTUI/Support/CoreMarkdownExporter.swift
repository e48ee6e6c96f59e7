import FlakeCore

/// Plugs the core's Markdown export into `e`: the groups on screen (filtered, in screen order)
/// with the one under the cursor first, written atomically to `path`.
public enum CoreMarkdownExporter {
    public static func make(analysis: Analysis, path: String = "flaketui-report.md") -> MarkdownExporter {
        { request in
            var filters: [String] = []
            if !request.filter.isEmpty { filters.append("filter \"\(request.filter)\"") }
            if let arch = request.arch { filters.append("arch \(arch)") }
            if request.screen == .testGroups, let test = request.testNames.first { filters.append("groups of \(test)") }
            let scope = ExportScope(
                groupIDs: request.groupIDs.isEmpty ? nil : request.groupIDs, selectedGroupID: request.focusedGroupID,
                filterDescription: filters.isEmpty ? nil : filters.joined(separator: ", "))
            let markdown = try MarkdownExport.render(analysis, scope: scope)
            try AtomicFileWriter.write(markdown, to: path)
            let count = request.groupIDs.isEmpty ? analysis.groups.count : request.groupIDs.count
            return "wrote \(path) (\(count) group\(count == 1 ? "" : "s"))"
        }
    }
}
