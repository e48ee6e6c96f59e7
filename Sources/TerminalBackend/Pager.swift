#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `$PAGER +line file` (default `less`) in the foreground and waits for it.
enum Pager {
    /// The shell command; `$PAGER` may carry its own options, so the shell splits it.
    static let script = "exec ${PAGER:-less} \"+$1\" \"$2\""

    /// Returns a message for the status line.
    static func open(path: String, line: Int) -> String {
        let argv = ["/bin/sh", "-c", script, "flaketui-pager", String(line), path]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // The pager owns Ctrl-C while it runs; it reaches both processes, so ignore it here.
        let oldInt = signal(SIGINT, SIG_IGN)
        let oldQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, oldInt)
            signal(SIGQUIT, oldQuit)
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, environ)
        guard rc == 0 else { return "could not start the pager (error \(rc))" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exitCode = (status >> 8) & 0xFF
        return exitCode == 0 ? "back from the pager" : "the pager exited with status \(exitCode)"
    }
}
