/// Decides a run's architecture: `--arch-from`, then the path, then the log's content.
struct ArchInference {
    /// One capture group over the relative path.
    let override: Regex<AnyRegexOutput>?

    init(archFrom pattern: String?) throws {
        override = try pattern.map { try Regex($0) }
    }

    func fromPath(_ path: String) -> (arch: String, source: ArchSource)? {
        if let regex = override, let match = try? regex.firstMatch(in: path), match.count > 1,
            let captured = match[1].substring
        {
            return (ArchNames.canonical(String(captured)) ?? String(captured), .override)
        }
        // Nearest to the file first: `s390x/run-07.log` beats `ci-amd64/…/s390x/run-07.log`.
        let components = path.split(separator: "/").reversed()
        for (index, component) in components.enumerated() {
            let name = index == 0 ? Self.droppingExtensions(component) : Substring(component)
            if let arch = ArchNames.canonical(String(name)) { return (arch, .path(String(component))) }
            for token in name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }) {
                if let arch = ArchNames.canonical(String(token)) { return (arch, .path(String(component))) }
            }
            // `x86_64` splits into tokens that say less than the whole.
            if name.lowercased().contains("x86_64") { return ("amd64", .path(String(component))) }
        }
        return nil
    }

    private static func droppingExtensions(_ name: Substring) -> Substring {
        var base = name
        for ext in [".gz", ".log", ".txt", ".json", ".out"] where base.hasSuffix(ext) {
            base = base.dropLast(ext.count)
        }
        return base
    }
}
