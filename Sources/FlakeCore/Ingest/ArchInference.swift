/// Decides a run's architecture: `--arch-from`, then CI metadata, then the path, then the log's content.
final class ArchInference {
    /// One capture group over the relative path.
    let override: Regex<AnyRegexOutput>?

    init(archFrom pattern: String?) throws {
        override = try pattern.map { try Regex($0) }
    }

    /// `--arch-from`, then what the CI system recorded (a ProwJob), then the path, then the log.
    func decide(path: String, metadata: (String, ArchSource)?, content: ContentArch?) -> (arch: String, source: ArchSource) {
        if let overridden = fromOverride(path) { return overridden }
        if let metadata { return metadata }
        return fromComponents(path) ?? content.map { ($0.arch, .content($0.evidence)) } ?? ("unknown", .unknown)
    }

    func fromOverride(_ path: String) -> (arch: String, source: ArchSource)? {
        guard let regex = override, let match = try? regex.firstMatch(in: path), match.count > 1,
            let captured = match[1].substring
        else { return nil }
        return (ArchNames.canonical(String(captured)) ?? String(captured), .override)
    }

    /// `--arch-from`, else the path's components.
    func fromPath(_ path: String) -> (arch: String, source: ArchSource)? {
        fromOverride(path) ?? fromComponents(path)
    }

    private func fromComponents(_ path: String) -> (arch: String, source: ArchSource)? {
        // Nearest to the file first: `s390x/run-07.log` beats `ci-amd64/…/s390x/run-07.log`.
        // By bytes and with String keys: every run passes here, and Substring keys hash slowly.
        let bytes = path.utf8
        let slash = bytes.lastIndex(of: 0x2F)
        let name = String(Substring(slash.map { bytes[bytes.index(after: $0)...] } ?? bytes[...]))
        if let arch = archOfFileName(name) { return (arch, .path(name)) }
        guard let slash else { return nil }
        let folder = bytes[..<slash]
        // A memcmp: the generic `elementsEqual` over two UTF-8 views was 1,800 instructions a run.
        let folderLength = bytes.distance(from: bytes.startIndex, to: slash)
        if let last = lastFolder, ByteLine.withBytes(of: path, { $0.prefix(folderLength).equals(last.folder) }) { return last.found }
        let folderName = String(Substring(folder))
        let found = fromFolder(folderName)
        lastFolder = (folderName, found)
        return found
    }

    /// Caches are emptied past this many names: a tree where every run has a folder of its own
    /// (Prow builds) must not grow them without end.
    private static let cacheLimit = 8192

    /// Runs share folders: each folder is worked out once, and the previous one is tried first.
    private var folders: [String: (arch: String, source: ArchSource)?] = [:]
    private var lastFolder: (folder: String, found: (arch: String, source: ArchSource)?)?
    private var fileNames: [String: String?] = [:]

    private func archOfFileName(_ name: String) -> String? {
        if let known = fileNames[name] { return known }
        let found = archOfComponent(Self.droppingExtensions(name[...]))
        if fileNames.count >= Self.cacheLimit { fileNames.removeAll(keepingCapacity: true) }
        fileNames[name] = found
        return found
    }

    private func fromFolder(_ folder: String) -> (arch: String, source: ArchSource)? {
        if let known = folders[folder] { return known }
        var found: (arch: String, source: ArchSource)?
        for component in folder.split(separator: "/").reversed() {
            if let arch = archOfComponent(component) {
                found = (arch, .path(String(component)))
                break
            }
        }
        if folders.count >= Self.cacheLimit { folders.removeAll(keepingCapacity: true) }
        folders[folder] = found
        return found
    }

    /// An architecture among the tokens of a name: `pull-kubevirt-unit-test-s390x`, `build (arm64)`;
    /// `x86_64` gives the token `x86`, `aarch64` is a token of its own.
    static func archToken(in name: some StringProtocol) -> String? {
        let separators: Set<Character> = ["-", "_", ".", " ", "(", ")", ",", "[", "]", "/", ":"]
        var previous: Substring = ""
        for token in name.split(whereSeparator: { separators.contains($0) }) {
            defer { previous = Substring(token) }
            // `386` is also a run number (`run-386.log`): only after an OS (`linux-386`) is it a GOARCH.
            if token.allSatisfy(\.isNumber), !["linux", "windows", "darwin", "freebsd", "netbsd", "openbsd"].contains(previous.lowercased()) {
                continue
            }
            if let arch = ArchNames.canonical(String(token)) { return arch }
        }
        return nil
    }

    /// Folders repeat for every file in them: each name is looked at once.
    private var components: [String: String?] = [:]

    private func archOfComponent(_ component: Substring) -> String? {
        let name = String(component)
        if let known = components[name] { return known }
        let found = ArchNames.canonical(name) ?? Self.archToken(in: name)
        if components.count >= Self.cacheLimit { components.removeAll(keepingCapacity: true) }
        components[name] = found
        return found
    }

    private static let extensions: [String] = [".gz", ".log", ".txt", ".json", ".out", ".xml"]

    /// By bytes: Substring's `hasSuffix` compares characters, and every run's name goes through here.
    private static func droppingExtensions(_ name: Substring) -> Substring {
        var base = name
        for ext in extensions {
            let bytes = base.utf8
            guard bytes.count > ext.utf8.count, bytes.suffix(ext.utf8.count).elementsEqual(ext.utf8) else { continue }
            base = Substring(bytes.dropLast(ext.utf8.count))
        }
        return base
    }
}
