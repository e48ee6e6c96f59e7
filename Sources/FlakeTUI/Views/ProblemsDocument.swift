import FlakeCore

/// The problems view: every file that could not be read, or only partly, with what was wrong.
public enum ProblemsDocument {
    public static func screen(_ analysis: Analysis) -> DocumentScreen {
        let problems = analysis.problems
        var lines: [DocumentLine] = []
        if problems.isEmpty {
            lines.append(DocumentLine("every file was read whole", .dim))
        }
        // Grouped by file, in the order the files were met.
        var seen: [String: Int] = [:]
        var order: [String] = []
        for problem in problems where seen[problem.path] == nil {
            seen[problem.path] = order.count
            order.append(problem.path)
        }
        let byPath = Dictionary(grouping: problems, by: \.path)
        for path in order {
            lines.append(DocumentLine(path, .accent))
            lines += byPath[path, default: []].map { DocumentLine("    " + $0.message, .warn) }
        }
        let title = "Problems (\(problems.count) in \(order.count) file\(order.count == 1 ? "" : "s"))"
        return DocumentScreen(kind: .problems, title: title, layout: .single, panes: [Pane(title: title, lines: lines)], group: -1)
    }
}
