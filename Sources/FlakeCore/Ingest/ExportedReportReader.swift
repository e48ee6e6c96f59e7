import Foundation

/// Reads flaketui's own JSON report back as input: each CI job exports its runs, and one
/// command merges thousands of exports as if it had read all their logs.
enum ExportedReportReader {
    struct Document: Decodable {
        let schema: String
        let runs: [RunRecord]
    }

    struct RunRecord: Decodable {
        let path: String
        let arch: String
        let archSource: String
        let archEvidence: String?
        let content: ParsedLog?
        let layout: String?
        let startTime: String?
        let commit: String?
        let ciResult: String?
    }

    enum Failure: Error, CustomStringConvertible {
        case schema(String)
        case missingContent(String)

        var description: String {
            switch self {
            case .schema(let found): "unsupported schema \(found) (this flaketui reads \(JSONReport.schema))"
            case .missingContent(let path): "run \(path) has no content to merge"
            }
        }
    }

    /// A JSON object (not a test2json event stream) with `"schema" : "flaketui/…"`. Keys are
    /// sorted, so the schema is not at the start; the scan is a memchr walk.
    static func isExport(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let all = ByteLine(base: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        let head = all.prefix(4096).trimmed()
        guard head.count > 0, head[0] == 0x7B, !LogParser.looksLikeTest2JSON(head) else { return false }
        return all.contains("\"schema\" : \"flaketui/") || all.contains("\"schema\":\"flaketui/")
    }

    static func read(_ bytes: UnsafeRawBufferPointer) throws -> [FileIngest.IngestedRun] {
        let data = Data(bytes)
        let document = try JSONDecoder().decode(Document.self, from: data)
        guard document.schema == JSONReport.schema else { throw Failure.schema(document.schema) }
        return try document.runs.map { record in
            guard let content = record.content else { throw Failure.missingContent(record.path) }
            let source: ArchSource
            switch record.archSource {
            case "override": source = .override
            case "path": source = .path(record.archEvidence ?? "")
            case "content": source = .content(record.archEvidence ?? "")
            case "metadata": source = .metadata(record.archEvidence ?? "")
            default: source = .unknown
            }
            let metadata = RunMetadata(
                layout: record.layout.flatMap(CILayout.init(rawValue:)), startTime: record.startTime.flatMap(Timestamp.parse),
                commit: record.commit, ciResult: record.ciResult)
            return FileIngest.IngestedRun(log: content, path: record.path, arch: (record.arch, source), metadata: metadata)
        }
    }
}
