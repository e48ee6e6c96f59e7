/// Splits each run's path into its folder and file name, one shared string per distinct part:
/// a tree of a million runs repeats a few thousand folders and names (`build-log.txt`,
/// `run-07.log`), and a string per run was most of what the analysis kept per run.
struct RunPathInterner {
    private let parts = ByteInterner()

    func split(_ path: String) -> (folder: String, name: String) {
        ByteLine.withBytes(of: path) { whole in
            guard let slash = whole.lastIndex(of: 0x2F) else { return ("", parts.string(whole)) }
            return (parts.string(whole.prefix(slash)), parts.string(whole.dropFirst(slash + 1)))
        }
    }
}
