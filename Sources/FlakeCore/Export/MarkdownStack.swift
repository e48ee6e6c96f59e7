/// A stack as a fenced block with the project's own frames first; runtime, standard-library and
/// test-framework frames are folded into a count, with the full stack in a nested `<details>`.
enum MarkdownStack {
    /// `title` is Markdown; the frames come from logs and only ever go inside fences.
    static func render(title: String, frames: [Frame], stackUnavailable: Bool = false) -> String {
        var out = title + "\n\n"
        if stackUnavailable {
            out += CodeFence.block("[failed to restore the stack]", info: "text")
            return out
        }
        let inProject = frames.filter { FrameClassifier.isInProject($0.function) }
        let folded = frames.count - inProject.count
        var shown = inProject.map(frameText).joined()
        if frames.isEmpty {
            shown = "(no frames)\n"
        } else if folded > 0 {
            shown += inProject.isEmpty
                ? "(no project frames; \(folded) runtime or framework frame\(folded == 1 ? "" : "s"), full stack below)\n"
                : "… \(folded) runtime or framework frame\(folded == 1 ? "" : "s") folded (full stack below)\n"
        }
        out += CodeFence.block(shown, info: "text")
        if folded > 0 {
            out += "\n<details><summary>Full stack (\(frames.count) frame\(frames.count == 1 ? "" : "s"))</summary>\n\n"
            out += CodeFence.block(frames.map(frameText).joined(), info: "text")
            out += "\n</details>\n"
        }
        return out
    }

    /// As Go prints it, so the text can be searched for in the logs and the code.
    static func frameText(_ frame: Frame) -> String {
        "\(frame.function)()\n    \(frame.file):\(frame.line)\n"
    }
}
