/// Each run's file, for a log viewer, in a few bytes per run: almost every path is the folder the
/// user named plus the run's relative path, so only the folder is stored (a string per run was
/// a tenth of a kilobyte each, on trees of a million runs).
public struct RunFilePaths: Sendable {
    /// The folders runs' paths are relative to ("" for paths kept as given).
    private var roots: [String] = []
    /// By run id: an index into `roots`, or `explicitMark` for a path in `explicit`.
    private var rootOfRun: [UInt32] = []
    private var explicit: [Int: String] = [:]
    private static let explicitMark = UInt32.max

    public init() {}

    public var count: Int { rootOfRun.count }

    /// Records run `rootOfRun.count` from the file it was read from.
    mutating func append(file: LogFile, runPath: String) {
        // The usual case: the run's path is the file's path under the folder the user named.
        guard file.isUnderRoot, runPath == file.displayPath else { return append(file: file.absolutePath, runPath: runPath) }
        appendRoot(file.root)
    }

    /// Records run `rootOfRun.count`: its file's path and the run's (relative) path (a run read
    /// back from an export, a GitHub Actions job read from its folder).
    mutating func append(file: String, runPath: String) {
        if let root = Self.root(of: file, relative: runPath) {
            appendRoot(root)
        } else {
            explicit[rootOfRun.count] = file
            rootOfRun.append(Self.explicitMark)
        }
    }

    private mutating func appendRoot(_ root: String) {
        // Runs come folder by folder: the last root first.
        if let last = roots.indices.last, roots[last] == root {
            rootOfRun.append(UInt32(last))
        } else if let known = roots.firstIndex(of: root) {
            rootOfRun.append(UInt32(known))
        } else {
            roots.append(root)
            rootOfRun.append(UInt32(roots.count - 1))
        }
    }

    public func path(of run: Run) -> String? {
        guard rootOfRun.indices.contains(run.id) else { return nil }
        let root = rootOfRun[run.id]
        if root == Self.explicitMark { return explicit[run.id] }
        return roots[Int(root)].isEmpty ? run.path : roots[Int(root)] + "/" + run.path
    }

    /// `file` as root + "/" + `relative` (or `relative` itself): the root, else nil.
    private static func root(of file: String, relative: String) -> String? {
        if file == relative { return "" }
        let fileBytes = file.utf8, relativeBytes = relative.utf8
        guard !relative.isEmpty, fileBytes.count > relativeBytes.count,
            fileBytes.suffix(relativeBytes.count).elementsEqual(relativeBytes)
        else { return nil }
        let root = fileBytes.dropLast(relativeBytes.count)
        guard root.last == 0x2F else { return nil }
        return String(Substring(root.dropLast()))
    }
}
