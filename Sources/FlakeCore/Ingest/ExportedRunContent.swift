/// A run's `content` in flaketui's JSON report read back into a `ParsedLog`: the reverse of
/// `JSONReportContent`, key for key. Keys may come in any order and unknown keys are skipped;
/// a missing key that the report always writes is an error, as it was for `JSONDecoder`. Names
/// are interned; messages and warnings, which differ from run to run, are not.
enum ExportedRunContent {
    struct MissingKey: Error, CustomStringConvertible {
        let key: String
        let object: String

        var description: String { "\(object) has no \"\(key)\"" }
    }

    static func read(_ r: inout JSONPullReader) throws -> ParsedLog {
        var log = ParsedLog()
        var format: LogFormat?, buildFailures: [BuildFailure]?, packages: [PackageResult]?, panics: [PanicEvent]?
        var races: [ParsedRace]?, specFailures: [SpecFailure]?, tests: [TestResult]?, warnings: [String]?
        try r.object { r, key in
            if key.equals("buildFailures") { buildFailures = try r.list(buildFailure) }
            else if key.equals("contentArch") { log.contentArch = try r.null() ? nil : contentArch(&r) }
            else if key.equals("format") { format = try value(LogFormat.self, &r) }
            else if key.equals("goVersion") { log.goVersion = try r.optionalString() }
            else if key.equals("packages") { packages = try r.list(package) }
            else if key.equals("panics") { panics = try r.list(panic) }
            else if key.equals("races") { races = try r.list(race) }
            else if key.equals("specFailures") { specFailures = try r.list(specFailure) }
            else if key.equals("tests") { tests = try r.list(test) }
            else if key.equals("warnings") { warnings = try r.strings(interned: false) }
            else { try r.skipValue() }
        }
        let object = "a run's content"
        log.format = try required(format, "format", of: object)
        log.buildFailures = try required(buildFailures, "buildFailures", of: object)
        log.packages = try required(packages, "packages", of: object)
        log.panics = try required(panics, "panics", of: object)
        log.races = try required(races, "races", of: object)
        log.specFailures = try required(specFailures, "specFailures", of: object)
        log.tests = try required(tests, "tests", of: object)
        log.warnings = try required(warnings, "warnings", of: object)
        return log
    }

    // MARK: Results

    private static func package(_ r: inout JSONPullReader) throws -> PackageResult {
        var name: String?, outcome: PackageOutcome?, line: Int?
        try r.object { r, key in
            if key.equals("line") { line = try r.int() }
            else if key.equals("name") { name = try r.string() }
            else if key.equals("outcome") { outcome = try value(PackageOutcome.self, &r) }
            else { try r.skipValue() }
        }
        let object = "a package result"
        return PackageResult(
            name: try required(name, "name", of: object), outcome: try required(outcome, "outcome", of: object),
            line: try required(line, "line", of: object))
    }

    private static func test(_ r: inout JSONPullReader) throws -> TestResult {
        var package: String?, name: String?, outcome: TestOutcome?, line: Int?, messages: [String]?, raceDetected: Bool?
        try r.object { r, key in
            if key.equals("line") { line = try r.int() }
            else if key.equals("messages") { messages = try r.strings(interned: false) }
            else if key.equals("name") { name = try r.string() }
            else if key.equals("outcome") { outcome = try value(TestOutcome.self, &r) }
            else if key.equals("package") { package = try r.string() }
            else if key.equals("raceDetected") { raceDetected = try r.bool() }
            else { try r.skipValue() }
        }
        let object = "a test result"
        return TestResult(
            package: try required(package, "package", of: object), name: try required(name, "name", of: object),
            outcome: try required(outcome, "outcome", of: object), line: try required(line, "line", of: object),
            messages: try required(messages, "messages", of: object),
            raceDetected: try required(raceDetected, "raceDetected", of: object))
    }

    private static func buildFailure(_ r: inout JSONPullReader) throws -> BuildFailure {
        var package: String?, messages: [String]?, line: Int?
        try r.object { r, key in
            if key.equals("line") { line = try r.int() }
            else if key.equals("messages") { messages = try r.strings(interned: false) }
            else if key.equals("package") { package = try r.string() }
            else { try r.skipValue() }
        }
        let object = "a build failure"
        return BuildFailure(
            package: try required(package, "package", of: object), messages: try required(messages, "messages", of: object),
            line: try required(line, "line", of: object))
    }

    private static func specFailure(_ r: inout JSONPullReader) throws -> SpecFailure {
        var package: String?, suiteTest: String?, spec: String?, message: String?, isPanic: Bool?, line: Int?
        try r.object { r, key in
            if key.equals("isPanic") { isPanic = try r.bool() }
            else if key.equals("line") { line = try r.int() }
            else if key.equals("message") { message = try r.string(interned: false) }
            else if key.equals("package") { package = try r.string() }
            else if key.equals("spec") { spec = try r.string() }
            else if key.equals("suiteTest") { suiteTest = try r.optionalString() }
            else { try r.skipValue() }
        }
        let object = "a spec failure"
        return SpecFailure(
            package: try required(package, "package", of: object), suiteTest: suiteTest, spec: try required(spec, "spec", of: object),
            message: try required(message, "message", of: object), isPanic: try required(isPanic, "isPanic", of: object),
            line: try required(line, "line", of: object))
    }

    private static func contentArch(_ r: inout JSONPullReader) throws -> ContentArch {
        var arch: String?, evidence: String?
        try r.object { r, key in
            if key.equals("arch") { arch = try r.string() }
            else if key.equals("evidence") { evidence = try r.string(interned: false) }
            else { try r.skipValue() }
        }
        return ContentArch(arch: try required(arch, "arch", of: "contentArch"), evidence: try required(evidence, "evidence", of: "contentArch"))
    }

    // MARK: Races and panics

    private static func race(_ r: inout JSONPullReader) throws -> ParsedRace {
        var package: String?, report: RaceReport?, detectedIn: [String]?, outsideTests: Bool?
        try r.object { r, key in
            if key.equals("detectedIn") { detectedIn = try r.strings() }
            else if key.equals("outsideTests") { outsideTests = try r.bool() }
            else if key.equals("package") { package = try r.string() }
            else if key.equals("report") { report = try raceReport(&r) }
            else { try r.skipValue() }
        }
        let object = "a race"
        return ParsedRace(
            package: try required(package, "package", of: object), report: try required(report, "report", of: object),
            detectedIn: try required(detectedIn, "detectedIn", of: object),
            outsideTests: try required(outsideTests, "outsideTests", of: object))
    }

    private static func raceReport(_ r: inout JSONPullReader) throws -> RaceReport {
        var accesses: [RaceAccess]?, creations: [GoroutineCreation]?, location: RaceLocation?
        var truncated: Bool?, tests: [String]?, ambiguous: Bool?, occurrence: Occurrence?, endLine: Int?
        try r.object { r, key in
            if key.equals("accesses") {
                accesses = try r.list(access)
            } else if key.equals("attributionAmbiguous") {
                ambiguous = try r.bool()
            } else if key.equals("creations") {
                creations = try r.list(creation)
            } else if key.equals("endLine") {
                endLine = try r.int()
            } else if key.equals("location") {
                location = try r.null() ? nil : raceLocation(&r)
            } else if key.equals("occurrence") {
                occurrence = try self.occurrence(&r)
            } else if key.equals("tests") {
                tests = try r.strings()
            } else if key.equals("truncated") {
                truncated = try r.bool()
            } else {
                try r.skipValue()
            }
        }
        let object = "a race report"
        return RaceReport(
            accesses: try required(accesses, "accesses", of: object), creations: try required(creations, "creations", of: object),
            location: location, truncated: try required(truncated, "truncated", of: object),
            tests: try required(tests, "tests", of: object), attributionAmbiguous: try required(ambiguous, "attributionAmbiguous", of: object),
            occurrence: try required(occurrence, "occurrence", of: object), endLine: try required(endLine, "endLine", of: object))
    }

    private static func access(_ r: inout JSONPullReader) throws -> RaceAccess {
        var kind: AccessKind?, atomic: Bool?, previous: Bool?, address: String?, goroutine: Goroutine?, frames: [Frame]?
        var stackUnavailable: Bool?
        try r.object { r, key in
            if key.equals("address") { address = try r.optionalString(interned: false) }
            else if key.equals("atomic") { atomic = try r.bool() }
            else if key.equals("frames") { frames = try self.frames(&r) }
            else if key.equals("goroutine") { goroutine = try self.goroutine(&r) }
            else if key.equals("kind") { kind = try value(AccessKind.self, &r) }
            else if key.equals("previous") { previous = try r.bool() }
            else if key.equals("stackUnavailable") { stackUnavailable = try r.bool() }
            else { try r.skipValue() }
        }
        let object = "a race access"
        return RaceAccess(
            kind: try required(kind, "kind", of: object), atomic: try required(atomic, "atomic", of: object),
            previous: try required(previous, "previous", of: object), address: address,
            goroutine: try required(goroutine, "goroutine", of: object), frames: try required(frames, "frames", of: object),
            stackUnavailable: try required(stackUnavailable, "stackUnavailable", of: object))
    }

    private static func creation(_ r: inout JSONPullReader) throws -> GoroutineCreation {
        var goroutine: Int?, state: String?, frames: [Frame]?
        try r.object { r, key in
            if key.equals("frames") { frames = try self.frames(&r) }
            else if key.equals("goroutine") { goroutine = try r.int() }
            else if key.equals("state") { state = try r.string() }
            else { try r.skipValue() }
        }
        let object = "a goroutine creation"
        return GoroutineCreation(
            goroutine: try required(goroutine, "goroutine", of: object), state: try required(state, "state", of: object),
            frames: try required(frames, "frames", of: object))
    }

    /// `{"heap" : {…}}` or `{"global" : {…}}`: an enum with associated values, as Swift writes it.
    private static func raceLocation(_ r: inout JSONPullReader) throws -> RaceLocation {
        var location: RaceLocation?
        try r.object { r, key in
            var size: Int?, address: String?, goroutine: Goroutine?, frames: [Frame]?, name: String?, file: String?, line: Int?
            let heap = key.equals("heap")
            guard heap || key.equals("global") else { return try r.skipValue() }
            try r.object { r, key in
                if key.equals("address") { address = try r.string(interned: false) }
                else if key.equals("file") { file = try r.string() }
                else if key.equals("frames") { frames = try self.frames(&r) }
                else if key.equals("goroutine") { goroutine = try self.goroutine(&r) }
                else if key.equals("line") { line = try r.int() }
                else if key.equals("name") { name = try r.string() }
                else if key.equals("size") { size = try r.int() }
                else { try r.skipValue() }
            }
            let object = heap ? "a heap location" : "a global location"
            if heap {
                location = .heap(
                    size: try required(size, "size", of: object), address: try required(address, "address", of: object),
                    goroutine: try required(goroutine, "goroutine", of: object), frames: try required(frames, "frames", of: object))
            } else {
                location = .global(
                    name: try required(name, "name", of: object), size: try required(size, "size", of: object),
                    address: try required(address, "address", of: object), file: try required(file, "file", of: object),
                    line: try required(line, "line", of: object))
            }
        }
        return try required(location, "heap or global", of: "a race location")
    }

    /// `{"id" : {"_0" : 7}}`, `{"main" : {}}` or `{"unknown" : {}}`.
    private static func goroutine(_ r: inout JSONPullReader) throws -> Goroutine {
        var goroutine: Goroutine?
        try r.object { r, key in
            if key.equals("id") {
                var number: Int?
                try r.object { r, key in
                    if key.equals("_0") { number = try r.int() } else { try r.skipValue() }
                }
                goroutine = .id(try required(number, "_0", of: "a goroutine id"))
            } else if key.equals("main") {
                try r.skipValue()
                goroutine = .main
            } else if key.equals("unknown") {
                try r.skipValue()
                goroutine = .unknown
            } else {
                try r.skipValue()
            }
        }
        return try required(goroutine, "id, main or unknown", of: "a goroutine")
    }

    private static func occurrence(_ r: inout JSONPullReader) throws -> Occurrence {
        var runID: Int?, line: Int?
        try r.object { r, key in
            if key.equals("line") { line = try r.int() }
            else if key.equals("runID") { runID = try r.int() }
            else { try r.skipValue() }
        }
        return Occurrence(runID: try required(runID, "runID", of: "an occurrence"), line: try required(line, "line", of: "an occurrence"))
    }

    private static func panic(_ r: inout JSONPullReader) throws -> PanicEvent {
        var package: String?, test: String?, message: String?, frames: [Frame]?, line: Int?, isTimeout: Bool?
        var runningTests: [String]?
        try r.object { r, key in
            if key.equals("frames") { frames = try self.frames(&r) }
            else if key.equals("isTimeout") { isTimeout = try r.bool() }
            else if key.equals("line") { line = try r.int() }
            else if key.equals("message") { message = try r.string(interned: false) }
            else if key.equals("package") { package = try r.string() }
            else if key.equals("runningTests") { runningTests = try r.strings() }
            else if key.equals("test") { test = try r.optionalString() }
            else { try r.skipValue() }
        }
        let object = "a panic"
        return PanicEvent(
            package: try required(package, "package", of: object), test: test, message: try required(message, "message", of: object),
            frames: try required(frames, "frames", of: object), line: try required(line, "line", of: object),
            isTimeout: try required(isTimeout, "isTimeout", of: object), runningTests: try required(runningTests, "runningTests", of: object))
    }

    private static func frames(_ r: inout JSONPullReader) throws -> [Frame] {
        try r.list { r in
            var function: String?, file: String?, line: Int?
            try r.object { r, key in
                if key.equals("file") { file = try r.string() }
                else if key.equals("function") { function = try r.string() }
                else if key.equals("line") { line = try r.int() }
                else { try r.skipValue() }
            }
            return Frame(
                function: try required(function, "function", of: "a frame"), file: try required(file, "file", of: "a frame"),
                line: try required(line, "line", of: "a frame"))
        }
    }

    // MARK: Helpers

    private static func value<Value: RawRepresentable<String>>(_ type: Value.Type, _ r: inout JSONPullReader) throws -> Value {
        let raw = try r.string()
        guard let value = Value(rawValue: raw) else { throw JSONPullReader.Failure(offset: r.position, message: "unknown value \"\(raw)\"") }
        return value
    }

    private static func required<Value>(_ value: Value?, _ key: String, of object: String) throws -> Value {
        guard let value else { throw MissingKey(key: key, object: object) }
        return value
    }
}
