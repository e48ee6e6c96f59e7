// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "flaketui",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "flaketui", targets: ["flaketui"]),
        .library(name: "FlakeCore", targets: ["FlakeCore"]),
        .library(name: "FlakeTUI", targets: ["FlakeTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.2.0"),
    ],
    targets: [
        // Parsing, model, signatures, statistics and export. Never imports ncurses.
        .target(
            name: "FlakeCore",
            dependencies: ["CZlib", "CByteScan", .product(name: "Collections", package: "swift-collections")],
            // Release ingest spent ~3% in run-time exclusivity checks on the per-worker caches;
            // debug builds (and the test suite) keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // The line scanner's inner loop, in C for the vector compares Swift cannot spell. Its
        // debug information is DWARF 4: valgrind 3.19 (Debian 12), with which instruction counts
        // are taken, gives up on clang's default DWARF 5.
        .target(name: "CByteScan", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // zlib: `.gz` logs are inflated as a stream, chunk by chunk.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Pure TUI: state, key map, navigation, views rendering into a cell grid.
        .target(name: "FlakeTUI", dependencies: ["FlakeCore"]),
        // No pkg-config: the module map links ncursesw, and the shim defines what pkg-config's
        // -D flags would (SwiftPM drops those, with a warning in every build).
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]),
        // The only target that talks to the terminal: draws a grid, reads keys.
        .target(name: "TerminalBackend", dependencies: ["FlakeTUI", "CNCursesW"]),
        .executableTarget(
            name: "flaketui",
            dependencies: [
                "FlakeCore", "FlakeTUI", "TerminalBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Prints key-press and filter timings over a synthetic 100,000-group analysis.
        .executableTarget(name: "flaketui-tui-bench", dependencies: ["FlakeCore", "FlakeTUI"]),
        .testTarget(name: "FlakeCoreTests", dependencies: ["FlakeCore", "CByteScan"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "FlakeTUITests", dependencies: ["FlakeTUI", "FlakeCore"], exclude: ["Golden"]),
        // Drives the real binary in tmux; depending on it makes `swift test` build it.
        .testTarget(name: "EndToEndTests", dependencies: ["flaketui"], exclude: ["tui-e2e.sh"]),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz target over the parsers: only when `scripts/fuzz.sh` asks for it (it also passes
// `--sanitize=fuzzer --sanitize=address`), so normal builds and tests never build it.
if Context.environment["FLAKETUI_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(name: "FlakeFuzz", dependencies: ["FlakeCore"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}

