import FlakeCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The ingest progress line on standard error: files, MB, MB/s and time left. It appears only
/// once ingest has taken half a second, and only on a terminal unless asked for.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()
    private let enabled: Bool

    init(forced: Bool) {
        enabled = forced || isatty(STDERR_FILENO) == 1
    }

    func update(_ progress: IngestProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 0.5, now.timeIntervalSince(lastDraw) >= 0.1 || progress.filesDone == progress.filesTotal else {
            return
        }
        lastDraw = now
        drawn = true
        let megabytes = Double(progress.bytesDone) / 1_000_000
        let rate = megabytes / elapsed
        let remaining =
            progress.filesDone > 0 ? elapsed * Double(progress.filesTotal - progress.filesDone) / Double(progress.filesDone) : 0
        // While the walk is still listing, the total is a floor and the time left unknown.
        let line =
            progress.listingComplete
            ? String(
                format: "flaketui: %d/%d files · %.1f MB · %.1f MB/s · %@ left", progress.filesDone, progress.filesTotal,
                megabytes, rate, Self.duration(remaining))
            : String(
                format: "flaketui: %d/%d+ files · %.1f MB · %.1f MB/s · listing…", progress.filesDone, progress.filesTotal,
                megabytes, rate)
        FileHandleOutput.standardError("\r\u{1B}[K" + line)
    }

    /// Clears the line so that the report or the dashboard starts on a clean terminal.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandleOutput.standardError("\r\u{1B}[K") }
        drawn = false
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
