/// GOARCH values and the aliases CI systems use for them.
enum ArchNames {
    static let goarches: Set<String> = [
        "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le",
        "riscv64", "s390x", "wasm",
    ]

    static let aliases: [String: String] = [
        "x86_64": "amd64", "x86-64": "amd64", "x64": "amd64", "x86": "amd64", "aarch64": "arm64",
        "i386": "386", "i686": "386", "ppc64el": "ppc64le", "armhf": "arm", "armv7": "arm",
    ]

    /// The GOARCH for a token, or nil when it names no architecture.
    static func canonical(_ token: String) -> String? {
        let lower = token.lowercased()
        if goarches.contains(lower) { return lower }
        return aliases[lower]
    }
}
