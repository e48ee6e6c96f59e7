import Foundation

/// For the benchmark: with `FLAKETUI_TIMINGS=FILE`, the dashboard appends how long ingest took
/// and when its first screen was on the terminal, both from the start of the command, measured
/// in the process (a poller outside it would steal a core from the ingest it times).
enum StartupTimings {
    static func record(started: ContinuousClock.Instant, ingested: ContinuousClock.Instant) {
        guard let path = ProcessInfo.processInfo.environment["FLAKETUI_TIMINGS"], !path.isEmpty else { return }
        let drawn = ContinuousClock.now
        func seconds(_ duration: Duration) -> String {
            String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
        let line = "ingest \(seconds(ingested - started)) first-screen \(seconds(drawn - started))\n"
        guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) else {
            return
        }
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try? handle.close()
    }
}
