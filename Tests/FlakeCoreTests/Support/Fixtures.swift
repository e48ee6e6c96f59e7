import Foundation
@testable import FlakeCore

/// Real Go output produced by `Reproduction/gen-fixtures.sh`, and the repository's `SampleLogs/`.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// One fixture through the parser alone.
    static func parse(_ name: String) throws -> ParsedLog {
        let file = try MappedFile(path: path(name))
        return LogParser(runID: 0).parse(file.bytes)
    }

    /// Fixtures through the whole pipeline.
    static func analyze(_ names: String..., options: AnalyzeOptions = AnalyzeOptions()) throws -> AnalyzeResult {
        try Analyzer.analyze(paths: names.map(path), options: options)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// Bytes parsed (with a worker's memos when `interner` is given), encoded with sorted keys:
    /// two parses are alike when these are equal.
    static func encodedParse(_ bytes: [UInt8], interner: ByteInterner?) throws -> Data {
        let log = bytes.withUnsafeBytes { LogParser(runID: 0, interner: interner).parse($0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(log)
    }
}

extension RaceReport {
    var inProjectFunctions: [[String]] {
        accesses.map { access in
            access.frames.filter { FrameClassifier.isInProject($0.function) }.map { FrameClassifier.shortFunction($0.function) }
        }
    }
}
