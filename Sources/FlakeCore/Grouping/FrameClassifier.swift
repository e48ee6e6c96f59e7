import Foundation

/// Which stack frames describe the project under test, and how a frame is reduced for a
/// signature that survives other machines, checkouts and Go versions.
public enum FrameClassifier {
    /// Top-level standard-library folders: a function whose import path starts with one of these
    /// (and has no dotted host) is Go's own code.
    static let standardLibrary: Set<String> = [
        "archive", "bufio", "builtin", "bytes", "cmp", "compress", "container", "context", "crypto", "database",
        "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt", "go", "hash", "html", "image", "index",
        "internal", "io", "iter", "log", "maps", "math", "mime", "net", "os", "path", "plugin", "reflect",
        "regexp", "runtime", "slices", "sort", "strconv", "strings", "structs", "sync", "syscall", "testing",
        "text", "time", "unicode", "unique", "unsafe", "weak",
    ]

    /// Test frameworks: their frames say how a test ran, not what raced.
    static let frameworks: [StaticString] = [
        "github.com/onsi/ginkgo", "github.com/onsi/gomega", "github.com/stretchr/testify", "gotest.tools",
        "github.com/golang/mock", "go.uber.org/mock", "gopkg.in/check",
    ]

    /// In-project: not the runtime, the standard library, or a test framework. Answers are
    /// memoised: a folder of logs repeats the same few hundred functions millions of times.
    public static func isInProject(_ function: String) -> Bool {
        classification(function).inProject
    }

    /// Whether a frame belongs to a test framework (shown dimmed, folded in exports).
    public static func isFramework(_ function: String) -> Bool {
        classification(function).framework
    }

    /// Drops what differs between checkouts and Go versions but not between races:
    /// `…/vendor/` prefixes, GOPATH-mode `_/abs/dir/` paths, and `glob..func` (Go < 1.22) for
    /// `init.func` (Go ≥ 1.22).
    public static func normalizedFunction(_ function: String) -> String {
        classification(function).normalized
    }

    struct Classification: Sendable {
        let normalized: String
        let inProject: Bool
        let framework: Bool
    }

    private static func classification(_ function: String) -> Classification {
        let key = HashedString(function)
        let memo = FrameMemo.current
        if let known = memo.classifications[key] { return known }
        let name = normalize(function)
        // On bytes: every thread classifies each distinct function once, thousands of them.
        let (framework, inProject) = ByteLine.withBytes(of: name) { bytes in
            let framework = frameworks.contains { bytes.hasPrefix($0) }
            let firstElementEnd = (0..<bytes.count).first { bytes[$0] == 0x2F || bytes[$0] == 0x2E } ?? bytes.count
            // The generated test main (`_testmain.go`) starts every test binary; `panic` is a
            // builtin; `??` is a frame the race detector could not name.
            let inProject =
                !framework && !bytes.equals("main.main") && !bytes.equals("panic") && !bytes.equals("??")
                && (bytes.hasPrefix("_/") || !standardLibrary.contains(bytes.prefix(firstElementEnd).string))
            return (framework, inProject)
        }
        let result = Classification(normalized: name, inProject: inProject, framework: framework)
        memo.classifications[key] = result
        return result
    }

    private static func normalize(_ function: String) -> String {
        // Most names have nothing to drop; the byte check keeps them off the `Substring`
        // searches below, which cost tens of thousands of instructions a name.
        let untouched = ByteLine.withBytes(of: function) { bytes in
            !bytes.hasPrefix("_/") && !bytes.hasPrefix("vendor/") && !bytes.contains("/vendor/") && !bytes.contains("glob..func")
        }
        if untouched { return function }
        var name = Substring(function)
        if let vendor = lastRange(of: "/vendor/", in: name) { name = name[vendor.upperBound...] }
        if name.hasPrefix("vendor/") { name = name.dropFirst(7) }
        if name.hasPrefix("_/") {
            // GOPATH mode names packages outside GOPATH by their absolute folder.
            let dot = name.firstIndex(of: ".") ?? name.endIndex
            if let slash = name[..<dot].lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        }
        var result = String(name)
        if result.contains("glob..func") { result = result.replacingOccurrences(of: "glob..func", with: "init.func") }
        return result
    }

    private static func lastRange(of needle: String, in text: Substring) -> Range<Substring.Index>? {
        var found: Range<Substring.Index>?
        var rest = text[...]
        while let range = rest.firstRange(of: needle) {
            found = range
            rest = rest[range.upperBound...]
        }
        return found
    }

    /// `example.com/m/pkg.(*T).Method` → `pkg.(*T).Method`: short enough for titles.
    public static func shortFunction(_ function: String) -> String {
        // Searched as bytes: `lastIndex(of: Character)` walks graphemes backwards, thousands of
        // instructions on a long name, and titles and the TUI ask for many.
        let name = normalizedFunction(function)
        guard let slash = name.utf8.lastIndex(of: 0x2F) else { return name }
        return String(name[name.utf8.index(after: slash)...])
    }

    /// `/home/u/go/pkg/mod/example.com/m@v1/pkg/file.go` → `file.go`.
    public static func baseName(_ file: String) -> String {
        guard let slash = file.utf8.lastIndex(of: 0x2F) else { return file }
        return String(file[file.utf8.index(after: slash)...])
    }
}

