#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file to ingest: where it is, and how the user should see its path. A walk lists millions
/// of files before reading one, so a file keeps the folder the user named (shared by all its
/// files) and its relative path, not a second, absolute copy of the path.
struct LogFile: Sendable {
    /// The folder the user named; "" when `displayPath` is the path itself (a file argument).
    let root: String
    /// Relative to the folder the user named; for a file argument, as given.
    var displayPath: String
    /// Only for a path that is not `root/displayPath` (a GitHub Actions job read from its folder).
    private let otherPath: String?
    /// What the CI layout around the file says about it (see `CILayouts`).
    var role: CIRole = .plain
    /// Its folder listing said it is a regular file (not a FIFO or device): it can be read without a stat.
    var listedAsRegular = false

    var absolutePath: String { otherPath ?? (root.isEmpty ? displayPath : root + "/" + displayPath) }

    /// Whether `absolutePath` is `root/displayPath` (or `displayPath` itself).
    var isUnderRoot: Bool { otherPath == nil }

    init(root: String, relative: String) {
        self.root = root
        displayPath = relative
        otherPath = nil
    }

    init(absolutePath: String, displayPath: String, role: CIRole = .plain) {
        root = ""
        self.displayPath = displayPath
        otherPath = absolutePath == displayPath ? nil : absolutePath
        self.role = role
    }
}

/// Walks the user's paths into a sorted list of files. Folders are walked recursively, hidden
/// entries are skipped, symlinks are followed but every folder and file is read once (a link
/// loop or a second link to the same logs is reported, not followed), and what cannot be read
/// is reported, not fatal.
enum LogDiscovery {
    struct Result: Sendable {
        var files: [LogFile] = []
        var problems: [Problem] = []
    }

    enum Failure: Error, CustomStringConvertible {
        case missing(String)

        var description: String {
            switch self {
            case .missing(let path): "\(path): no such file or directory"
            }
        }
    }

    /// A folder or file by device and inode: the same one reached twice through links.
    /// Hashed by a multiply and a shift of its two numbers (`PrehashedKey`): every file of a walk
    /// goes into a set by it, and SipHash over them showed on trees of small files.
    private struct Identity: PrehashedKey {
        let device: UInt64
        let inode: UInt64

        var prehash: UInt64 { ByteHash.combine(ByteHash.combine(ByteHash.seed, device), inode) }

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }

        init(device: UInt64, inode: UInt64) {
            self.device = device
            self.inode = inode
        }
    }

    private struct Walk {
        var result = Result()
        var folders: Set<Identity> = []
        /// Every file listed: a link (or hard link) to a file already listed would count its run twice.
        private var listed: Set<Identity> = []
        /// The folder being walked, as the user named it.
        var root = ""
        /// Hands out listed files in chunks while the walk goes on (see `DiscoveryStream`); it
        /// answers false when nobody wants more, and the walk stops.
        let publish: (([LogFile]) -> Bool)?
        private(set) var stopped = false
        static let chunk = 512

        init(publish: (([LogFile]) -> Bool)?) {
            self.publish = publish
        }

        /// Lists a file unless a file with its identity was listed already.
        mutating func list(_ file: LogFile, _ identity: Identity) -> Bool {
            guard listed.insert(identity).inserted else { return false }
            result.files.append(file)
            if let publish, result.files.count >= Self.chunk {
                if !publish(result.files) { stopped = true }
                result.files.removeAll(keepingCapacity: true)
            }
            return true
        }

        mutating func finish() -> Result {
            if let publish, !result.files.isEmpty {
                _ = publish(result.files)
                result.files = []
            }
            return result
        }
    }

    /// Stops with `.missing` before anything is walked when a path does not exist.
    static func checkExisting(_ paths: [String]) throws(Failure) {
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw .missing(path) }
        }
    }

    /// The whole listing at once.
    static func discover(_ paths: [String]) throws(Failure) -> Result {
        try checkExisting(paths)
        return walk(paths, publish: nil)
    }

    /// Walks `paths` (checked to exist); with `publish`, files go there in chunks, in order, and
    /// the result holds only the problems.
    static func walk(_ paths: [String], publish: (([LogFile]) -> Bool)?) -> Result {
        var walk = Walk(publish: publish)
        for path in paths where !walk.stopped {
            var info = stat()
            guard stat(path, &info) == 0 else {
                walk.result.problems.append(Problem(path: path, message: "disappeared while being read"))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
                walk.folders.insert(Identity(info))
                walk.root = root
                walkFolder(root, relative: "", into: &walk)
            } else {
                // A file argument is read as given; a FIFO or device is refused when opened, without blocking.
                _ = walk.list(LogFile(absolutePath: path, displayPath: path), Identity(info))
            }
        }
        return walk.finish()
    }

    /// Depth first in name order (a folder's files and subfolders interleaved by name, as a
    /// sorted listing shows them), with an explicit stack so deep trees cannot overflow a worker's stack.
    private static func walkFolder(_ root: String, relative rootRelative: String, into walk: inout Walk) {
        struct Entry {
            let name: String
            /// `d_type`: DT_REG and DT_DIR need no stat; links and unknown kinds (some file systems) do.
            let kind: UInt8
            let inode: UInt64
        }
        struct Level {
            let directory: String, relative: String
            let device: UInt64?
            let entries: [Entry]
            var next = 0
        }
        var stack: [Level] = []
        /// `counted`: the folder's identity is already in `walk.folders` (the root, a folder reached by a link).
        func open(_ directory: String, _ relative: String, counted: Bool = true, into walk: inout Walk) -> Level? {
            guard let handle = opendir(directory) else {
                walk.result.problems.append(
                    Problem(path: relative.isEmpty ? directory : relative, message: "cannot read folder: \(String(cString: strerror(errno)))"))
                return nil
            }
            defer { closedir(handle) }
            // Files take their device from their folder: one stat per folder, none per file.
            var folderInfo = stat()
            let device = fstat(dirfd(handle), &folderInfo) == 0 ? UInt64(folderInfo.st_dev) : nil
            if !counted, device != nil, !walk.folders.insert(Identity(folderInfo)).inserted {
                walk.result.problems.append(
                    Problem(path: relative, message: "folder already read through another path (a bind mount?): skipped"))
                return nil
            }
            var entries: [Entry] = []
            let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            while let entry = readdir(handle) {
                // Through a pointer: glibc packs entries by d_reclen, and copying the whole
                // `dirent` (as `entry.pointee` would) can read past the end of its buffer.
                let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
                if namePointer.pointee == 0x2E { continue }  // hidden, `.` and `..`
                let kind = UnsafeRawPointer(entry).load(fromByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_type)!, as: UInt8.self)
                let inode = UInt64(UnsafeRawPointer(entry).load(fromByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_ino)!, as: UInt.self))
                entries.append(Entry(name: String(cString: namePointer), kind: kind, inode: inode))
            }
            entries.sort { $0.name < $1.name }
            return Level(directory: directory, relative: relative, device: device, entries: entries)
        }
        if let level = open(root, rootRelative, into: &walk) { stack.append(level) }
        while !stack.isEmpty, !walk.stopped {
            let top = stack.count - 1
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let display = stack[top].relative.isEmpty ? entry.name : stack[top].relative + "/" + entry.name
            // A regular file, as its folder listing says: listed without a stat (the worker that
            // reads it learns its size). Identity comes from the listing's inode.
            if entry.kind == UInt8(DT_REG), let device = stack[top].device {
                var file = LogFile(root: walk.root, relative: display)
                file.listedAsRegular = true
                _ = walk.list(file, Identity(device: device, inode: entry.inode))
                continue
            }
            let full = stack[top].directory + "/" + entry.name
            if entry.kind == UInt8(DT_DIR) {
                if let level = open(full, display, counted: false, into: &walk) { stack.append(level) }
                continue
            }
            var subfolder = false
            if let message = visit(full, display: display, isFolder: &subfolder, walk: &walk) {
                walk.result.problems.append(Problem(path: display, message: message))
            }
            if subfolder, let level = open(full, display, into: &walk) { stack.append(level) }
        }
    }

    /// Lists a file or says it is a folder to enter; returns a problem for anything else.
    private static func visit(
        _ full: String, display: String, isFolder: inout Bool, walk: inout Walk
    ) -> String? {
        var info = stat()
        guard lstat(full, &info) == 0 else { return "cannot stat: \(String(cString: strerror(errno)))" }
        var viaLink = false
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard stat(full, &info) == 0 else {
                let code = errno
                return code == ELOOP ? "symlink loop: skipped" : "broken symlink (\(String(cString: strerror(code)))): skipped"
            }
            viaLink = true
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            // Links may lead back up the tree or to a folder read already: each folder is read once.
            guard walk.folders.insert(Identity(info)).inserted else {
                return "symlink to a folder already read (a loop, or a second way to the same logs): skipped"
            }
            isFolder = true
            return nil
        case S_IFREG:
            guard walk.list(LogFile(root: walk.root, relative: display), Identity(info)) else {
                return viaLink ? "symlink to a file already read: skipped" : nil
            }
            return nil
        case S_IFIFO: return "FIFO (named pipe): skipped, never opened"
        case S_IFCHR, S_IFBLK: return "device file: skipped, never opened"
        case S_IFSOCK: return "socket: skipped"
        default: return "skipped: not a regular file"
        }
    }
}
