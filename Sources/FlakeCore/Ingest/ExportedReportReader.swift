/// Reads flaketui's own JSON report back as input: each CI job exports its runs, and one
/// command merges thousands of exports as if it had read all their logs.
enum ExportedReportReader {
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
        // The schema follows the runs, the bulk of the file: it is looked for from the end, one
        // block at a time, so that a big export is not read whole (and made resident) just to be
        // recognised. Blocks overlap by more than the pattern, which no block boundary can split.
        let block = 1 << 20, overlap = 64
        var end = all.count
        while end > 0 {
            let start = max(0, end - block)
            let window = all.slice(start, min(all.count, end + overlap))
            if window.contains("\"schema\" : \"flaketui/") || window.contains("\"schema\":\"flaketui/") { return true }
            end = start
        }
        return false
    }

    /// Reads the runs in place over the file's bytes (see `JSONPullReader`); everything but
    /// `runs` and `schema` is skipped.
    static func read(_ bytes: UnsafeRawBufferPointer, interner: ByteInterner? = nil) throws -> [FileIngest.IngestedRun] {
        var runs: [FileIngest.IngestedRun] = []
        try read(bytes, interner: interner) { runs.append($0) }
        return runs
    }

    /// Hands each run to `each` as soon as it is read. The schema is checked at the end (it
    /// follows the runs): the caller drops what it made of the runs when this throws.
    /// `releaseEvery`: see `JSONPullReader.init`; pages are given back after whole runs.
    static func read(
        _ bytes: UnsafeRawBufferPointer, interner: ByteInterner? = nil, releaseEvery: Int = 0,
        each: (FileIngest.IngestedRun) throws -> Void
    ) throws {
        var reader = JSONPullReader(bytes, interner: interner, releaseEvery: releaseEvery)
        var schema: String?
        try reader.object { r, key in
            if key.equals("runs") {
                try r.array { r in
                    try each(try run(&r))
                    r.releaseReadPages()
                }
            } else if key.equals("schema") {
                schema = try r.string()
            } else {
                try r.skipValue()
            }
        }
        try reader.end()
        // Keys are sorted, so the schema comes after the runs: checked once all is read.
        guard let schema else { throw ExportedRunContent.MissingKey(key: "schema", object: "the report") }
        guard schema == JSONReport.schema else { throw Failure.schema(schema) }
    }

    private static func run(_ r: inout JSONPullReader) throws -> FileIngest.IngestedRun {
        var path: String?, arch: String?, archSource: String?, archEvidence: String?, content: ParsedLog?
        var layout: String?, startTime: String?, commit: String?, ciResult: String?
        try r.object { r, key in
            if key.equals("arch") { arch = try r.string() }
            else if key.equals("archEvidence") { archEvidence = try r.optionalString() }
            else if key.equals("archSource") { archSource = try r.string() }
            else if key.equals("ciResult") { ciResult = try r.optionalString() }
            else if key.equals("commit") { commit = try r.optionalString() }
            else if key.equals("content") { content = try r.null() ? nil : ExportedRunContent.read(&r) }
            else if key.equals("layout") { layout = try r.optionalString() }
            else if key.equals("path") { path = try r.string(interned: false) }
            else if key.equals("startTime") { startTime = try r.optionalString(interned: false) }
            else { try r.skipValue() }
        }
        guard let path else { throw ExportedRunContent.MissingKey(key: "path", object: "a run") }
        guard let arch else { throw ExportedRunContent.MissingKey(key: "arch", object: "run \(path)") }
        guard let archSource else { throw ExportedRunContent.MissingKey(key: "archSource", object: "run \(path)") }
        guard let content else { throw Failure.missingContent(path) }
        let source: ArchSource
        switch archSource {
        case "override": source = .override
        case "path": source = .path(archEvidence ?? "")
        case "content": source = .content(archEvidence ?? "")
        case "metadata": source = .metadata(archEvidence ?? "")
        default: source = .unknown
        }
        let metadata = RunMetadata(
            layout: layout.flatMap(CILayout.init(rawValue:)), startTime: startTime.flatMap(Timestamp.parse), commit: commit,
            ciResult: ciResult)
        return FileIngest.IngestedRun(log: content, path: path, arch: (arch, source), metadata: metadata)
    }
}
