/// The `?` overlay: every binding of the key map, in a box over the body.
enum HelpOverlay {
    static func lines() -> [DocumentLine] {
        var lines = [DocumentLine("Keys", .header)]
        let width = KeyMap.bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 10
        for binding in KeyMap.bindings {
            let scope = binding.screens.isEmpty ? "" : "  (" + binding.screens.map(\.rawValue).sorted().joined(separator: ", ") + ")"
            lines.append(DocumentLine([Span(DisplayWidth.pad(binding.keyLabel, to: width), .hintKey), Span("  " + binding.description), Span(scope, .dim)]))
        }
        lines.append(DocumentLine(""))
        lines.append(DocumentLine("While typing a filter or search", .header))
        for binding in KeyMap.promptBindings {
            lines.append(DocumentLine([Span(DisplayWidth.pad(binding.keyLabel, to: width), .hintKey), Span("  " + binding.description)]))
        }
        lines.append(DocumentLine([Span(DisplayWidth.pad("other keys", to: width), .hintKey), Span("  typed into the filter; . * [ ( | ^ $ make it a regex")]))
        lines.append(DocumentLine([Span(DisplayWidth.pad("Ctrl-C", to: width), .hintKey), Span("  quit at once")]))
        return lines
    }

    static func draw(_ grid: inout Grid, state: AppState, body: Rect) {
        let content = lines()
        let width = min(body.width, max(40, min(96, (content.map { DisplayWidth.of($0.plainText) }.max() ?? 40) + 4)))
        let height = min(body.height, content.count + 2)
        guard width >= 4, height >= 3 else { return }
        let box = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        grid.fill(box, style: .plain)
        let inner = height - 2
        let top = min(state.helpTop, max(0, content.count - inner))
        let title = "┤ help \(top + 1)-\(min(content.count, top + inner))/\(content.count) ├"
        grid.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: box.x, y: box.y, style: .border)
        grid.put(title, x: box.x + 2, y: box.y, style: .border, maxWidth: width - 4)
        grid.put("└" + String(repeating: "─", count: width - 2) + "┘", x: box.x, y: box.maxY - 1, style: .border)
        for row in 0..<inner {
            let y = box.y + 1 + row
            grid.put("│", x: box.x, y: y, style: .border)
            grid.put("│", x: box.maxX - 1, y: y, style: .border)
            let index = top + row
            guard content.indices.contains(index) else { continue }
            var x = box.x + 2
            for span in content[index].spans {
                x += grid.put(span.text, x: x, y: y, style: span.style, maxWidth: box.maxX - 2 - x)
            }
        }
    }
}
