#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CNCursesW

/// Signal number seen by the handler; written only by the handler, read by the run loop.
/// A single aligned word, which is what a signal handler may safely touch.
nonisolated(unsafe) private var receivedSignal: Int32 = 0

/// Ctrl-C and SIGTERM end the run loop cleanly (which restores the terminal); a crash
/// restores the terminal before the process dies, so a trap never leaves it raw.
enum SignalGuard {
    static func install() {
        receivedSignal = 0
        // Installed after newterm, replacing ncurses' own handlers, so quitting goes through
        // the run loop and its exit code.
        signal(SIGINT) { receivedSignal = $0 }
        signal(SIGTERM) { receivedSignal = $0 }
        signal(SIGHUP) { receivedSignal = $0 }
        for fatal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(fatal) { number in
                endwin()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// The signal that asked us to stop, if any.
    static var pending: Int32? { receivedSignal == 0 ? nil : receivedSignal }

    static func reset() {
        for number in [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(number, SIG_DFL)
        }
    }
}
