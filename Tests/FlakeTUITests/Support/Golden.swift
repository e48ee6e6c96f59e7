import FlakeTUI
import Foundation
import Testing

/// Golden-text screen files under `Tests/FlakeTUITests/Golden/`: the grid's text, then its style
/// mask. `FLAKETUI_RECORD=1 swift test` rewrites them; a missing file is recorded and fails.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func serialize(_ grid: Grid) -> String {
        "\(grid.width)x\(grid.height)\n\(grid.text)\n--- styles ---\n\(grid.styleMask)\n"
    }

    static func check(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = serialize(grid)
        let record = ProcessInfo.processInfo.environment["FLAKETUI_RECORD"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            if !record { Issue.record("recorded missing golden file \(name).txt; check it and re-run", sourceLocation: sourceLocation) }
            return
        }
        if expected != actual {
            Issue.record("screen \(name) differs from its golden file:\n\(diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// Line diff: `-` expected, `+` actual, for the lines that differ.
    static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let left = i < e.count ? e[i] : nil, right = i < a.count ? a[i] : nil
            if left != right {
                if let left { out.append(String(format: "%4d - ", i + 1) + left) }
                if let right { out.append(String(format: "%4d + ", i + 1) + right) }
            }
        }
        return out.joined(separator: "\n")
    }
}
