#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file to ingest: where it is, and how the user should see its path.
struct LogFile: Sendable {
    let absolutePath: String
    /// Relative to the folder the user named; for a file argument, as given.
    let displayPath: String
    /// Bytes, as the folder walk saw them (for progress).
    var size: Int = 0
}

/// Walks the user's paths into a sorted list of files. Folders are walked recursively,
/// hidden entries and symlinked folders are skipped (no loops), and what cannot be read
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

    static func discover(_ paths: [String]) throws(Failure) -> Result {
        var result = Result()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw .missing(path) }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
                walk(directory: root, relative: "", into: &result)
            } else {
                result.files.append(LogFile(absolutePath: path, displayPath: path, size: Int(info.st_size)))
            }
        }
        return result
    }

    private static func walk(directory: String, relative: String, into result: inout Result) {
        guard let handle = opendir(directory) else {
            result.problems.append(
                Problem(path: relative.isEmpty ? directory : relative, message: "cannot read folder: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names.sorted() {
            let full = directory + "/" + name
            let display = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else {
                result.problems.append(Problem(path: display, message: "cannot stat: \(String(cString: strerror(errno)))"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: full, relative: display, into: &result)
            case S_IFREG:
                result.files.append(LogFile(absolutePath: full, displayPath: display, size: Int(info.st_size)))
            case S_IFLNK:
                // Follow links to files; links to folders could loop.
                var target = stat()
                if stat(full, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG {
                    result.files.append(LogFile(absolutePath: full, displayPath: display, size: Int(target.st_size)))
                }
            default:
                result.problems.append(Problem(path: display, message: "skipped: not a regular file"))
            }
        }
    }
}
