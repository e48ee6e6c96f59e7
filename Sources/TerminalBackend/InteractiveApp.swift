import FlakeCore
import FlakeTUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the full-screen dashboard until the user quits.
///
/// - Parameters:
///   - analysis: what to show.
///   - filePaths: each run's file, indexed by run id (`AnalyzeResult.filePaths`), for the log view.
///   - exporter: writes the Markdown for `e`; nil until export exists (the status line says so).
///   - firstScreenDrawn: called once, right after the first screen is on the terminal.
/// - Returns: the exit code: 0 on quit, 128+signal on Ctrl-C (130) or SIGTERM (143).
/// - Throws: `TerminalError` when stdin/stdout are not terminals or ncurses cannot start; the
///   caller should then print the plain report with the error as a note.
public func runInteractive(
    analysis: Analysis, filePaths: RunFilePaths, exporter: MarkdownExporter? = nil, firstScreenDrawn: (() -> Void)? = nil
) throws -> Int32 {
    let terminal = try Terminal()
    SignalGuard.install()
    defer {
        terminal.shutdown()
        SignalGuard.reset()
    }
    var state = AppState(analysis: analysis, logs: FileLogSource(filePaths: filePaths), size: terminal.size)
    var dirty = true
    var firstScreenDrawn = firstScreenDrawn
    while true {
        if let signal = SignalGuard.pending { return 128 + signal }
        if dirty {
            terminal.draw(render(state))
            dirty = false
            firstScreenDrawn?()
            firstScreenDrawn = nil
        }
        guard let event = terminal.read(timeoutMilliseconds: 200) ?? (terminal.pollResize() ? .resize : nil) else { continue }
        dirty = true
        let action: Action
        switch event {
        case .resize:
            action = .resize(terminal.size)
        case .key(let key):
            guard let mapped = KeyMap.action(for: key, mode: state.mode, screen: state.screen.kind) else {
                reduce(&state, .showStatus("\(key.label) does nothing here · ? lists the keys"))
                continue
            }
            action = mapped
        }
        switch reduce(&state, action) {
        case nil:
            break
        case .quit:
            return 0
        case .export(let request):
            guard let exporter else {
                reduce(&state, .showStatus("export is not available yet (it arrives with the export feature)"))
                continue
            }
            do {
                reduce(&state, .showStatus(try exporter(request)))
            } catch {
                reduce(&state, .showStatus("export failed: \(error)"))
            }
        case .openPager(let target):
            terminal.suspend()
            let message = Pager.open(path: target.path, line: target.line)
            terminal.resume()
            reduce(&state, .resize(terminal.size))
            reduce(&state, .showStatus(message))
        }
    }
}

/// Convenience for the executable: the analyzer's result carries both the analysis and the paths.
public func runInteractive(
    result: AnalyzeResult, exporter: MarkdownExporter? = nil, firstScreenDrawn: (() -> Void)? = nil
) throws -> Int32 {
    try runInteractive(analysis: result.analysis, filePaths: result.filePaths, exporter: exporter, firstScreenDrawn: firstScreenDrawn)
}
