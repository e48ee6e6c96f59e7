import FlakeCore

/// Tells the project's own frames from the runtime, standard library and test frameworks,
/// so stacks can highlight the former and dim the latter.
public enum FrameClassifier {
    private static let frameworkPrefixes = [
        "github.com/onsi/ginkgo", "github.com/onsi/gomega", "github.com/stretchr/testify",
    ]

    /// The import path of the frame's package: `example.com/x/pkg` for `example.com/x/pkg.(*T).M`.
    public static func packagePath(of function: String) -> String {
        let lastSlash = function.lastIndex(of: "/")
        let nameStart = lastSlash.map { function.index(after: $0) } ?? function.startIndex
        guard let dot = function[nameStart...].firstIndex(of: ".") else { return function }
        return String(function[..<dot])
    }

    /// True for frames of the code under test: not the standard library (no dot in the first path
    /// element: runtime, sync, testing, race, ...) and not ginkgo, gomega or testify.
    public static func isInProject(_ frame: Frame) -> Bool { isInProject(function: frame.function) }

    public static func isInProject(function: String) -> Bool {
        let path = packagePath(of: function)
        let firstElement = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? path
        guard firstElement.contains(".") else { return false }
        return !frameworkPrefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// `(*DeviceController).refreshPlugins` for `example.com/dm.(*DeviceController).refreshPlugins`.
    public static func shortName(of function: String) -> String {
        let lastSlash = function.lastIndex(of: "/")
        let nameStart = lastSlash.map { function.index(after: $0) } ?? function.startIndex
        guard let dot = function[nameStart...].firstIndex(of: ".") else { return function }
        return String(function[function.index(after: dot)...])
    }

    /// The last path component of a file: what fits in a stack column.
    public static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
