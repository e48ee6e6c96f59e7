/// `--format json`: the report for scripts. Versioned by `schema`; keys are sorted and arrays
/// keep the report's order, so the same logs always give the same bytes.
///
/// Each object's keys are written here in sorted order by hand (`JSONWriter` checks it in
/// debug builds). The layout is `JSONEncoder`'s, which wrote this report before.
public enum JSONReport {
    public static let schema = "flaketui/1"

    /// The whole report in memory, for tests and small trees.
    public static func render(_ result: AnalyzeResult) -> String {
        var writer = JSONWriter()
        writeDocument(result, to: &writer)
        // Without a sink, finishing cannot fail.
        return String(decoding: (try? writer.finish()) ?? [], as: UTF8.self)
    }

    /// The report in pieces of about a megabyte, as it is written: memory does not hold it whole.
    public static func write(_ result: AnalyzeResult, to sink: @escaping ([UInt8]) throws -> Void) throws {
        var writer = JSONWriter(sink: sink)
        writeDocument(result, to: &writer)
        _ = try writer.finish()
    }

    static func writeDocument(_ result: AnalyzeResult, to writer: inout JSONWriter) {
        let analysis = result.analysis
        // Contents are there when the analysis kept them (`keepRunContents`), for merging.
        let contents = result.runContents.count == analysis.runs.count ? result.runContents : nil
        writer.object { w in
            w.key("arches")
            w.array(analysis.arches) { w, arch in
                w.object { w in
                    w.member("arch", arch.arch)
                    w.member("failedRuns", arch.failedRuns)
                    w.member("raceRuns", arch.raceRuns)
                    w.member("runs", arch.runs)
                }
            }
            w.key("groups")
            w.array(analysis.groups) { w, group in writeGroup(group, runs: analysis.runs, to: &w) }
            w.key("problems")
            w.array(analysis.problems) { w, problem in
                w.object { w in
                    w.member("message", problem.message)
                    w.member("path", problem.path)
                }
            }
            w.key("runs")
            w.array(analysis.runs.indices) { w, index in writeRun(analysis.runs[index], content: contents?[index], to: &w) }
            w.member("schema", schema)
            w.member("skippedFiles", result.skippedFiles)
            w.key("tests")
            w.array(analysis.tests) { w, test in writeTest(test, to: &w) }
        }
    }

    private static func writeRun(_ run: Run, content: ParsedLog?, to writer: inout JSONWriter) {
        let evidence: String?
        switch run.archSource {
        case .path(let token): evidence = token
        case .content(let line): evidence = line
        case .metadata(let what): evidence = what
        case .override, .unknown: evidence = nil
        }
        writer.object { w in
            w.member("arch", run.arch)
            w.member("archEvidence", ifPresent: evidence)
            w.member("archSource", run.archSource.kind)
            w.member("ciResult", ifPresent: run.ciResult)
            w.member("commit", ifPresent: run.commit)
            // Everything the run's log said: what a later `flaketui exports/` merges.
            if let content {
                w.key("content")
                content.write(to: &w)
            }
            w.member("failed", run.failed)
            w.member("format", run.format.rawValue)
            w.member("goVersion", ifPresent: run.goVersion)
            // From the CI layout: left out for plain log files.
            w.member("layout", ifPresent: run.layout?.rawValue)
            w.member("packages", run.packages.sorted())
            w.member("path", run.path)
            w.member("race", run.hasRace)
            w.member("startTime", ifPresent: run.startTime.map(Timestamp.format))
        }
    }

    private static func writeGroup(_ group: FlakeGroup, runs: [Run], to writer: inout JSONWriter) {
        writer.object { w in
            // Every group has the same keys: `null` where a kind has no value.
            w.key("archDifferenceP")
            if let p = group.archDifferenceP { w.double(p) } else { w.null() }
            w.key("failure")
            if let failure = group.failure {
                w.object { w in
                    w.member("exampleMessage", failure.exampleMessage)
                    w.member("maskedMessage", failure.maskedMessage)
                    w.key("stack")
                    writeFrames(failure.stack, to: &w)
                }
            } else {
                w.null()
            }
            // Start times of the earliest and latest runs it occurred in; left out when unknown.
            w.member("firstSeen", ifPresent: group.firstSeen.map(Timestamp.format))
            w.member("id", group.id)
            w.member("kind", group.kind.rawValue)
            w.member("lastSeen", ifPresent: group.lastSeen.map(Timestamp.format))
            w.key("occurrences")
            w.array(group.occurrences) { w, occurrence in
                w.object { w in
                    w.member("line", occurrence.line)
                    w.member("path", runs[occurrence.runID].path)
                }
            }
            w.member("packages", group.packages)
            w.key("perArch")
            w.array(group.perArch) { w, rate in
                w.object { w in
                    w.member("arch", rate.arch)
                    w.key("ci95")
                    w.array([rate.ci95.lowerBound, rate.ci95.upperBound]) { $0.double($1) }
                    w.member("occurrences", rate.occurrences)
                    w.key("rate")
                    w.double(rate.rate)
                    w.member("runs", rate.runs)
                }
            }
            w.key("race")
            if let race = group.race { writeRace(race, to: &w) } else { w.null() }
            w.member("signature", group.signature)
            w.member("tests", group.tests)
            w.member("title", group.title)
        }
    }

    private static func writeRace(_ detail: RaceDetail, to writer: inout JSONWriter) {
        let report = detail.example
        writer.object { w in
            w.key("accesses")
            w.array(report.accesses) { w, access in
                w.object { w in
                    w.member("address", ifPresent: access.address)
                    w.member("atomic", access.atomic)
                    w.key("frames")
                    writeFrames(access.frames, to: &w)
                    w.member("goroutine", access.goroutine.description)
                    w.member("kind", access.kind.rawValue)
                    w.member("previous", access.previous)
                    w.member("stackUnavailable", access.stackUnavailable)
                }
            }
            w.member("ambiguousAttributions", detail.ambiguousAttributions)
            w.key("creations")
            w.array(report.creations) { w, creation in
                w.object { w in
                    w.key("frames")
                    writeFrames(creation.frames, to: &w)
                    w.member("goroutine", creation.goroutine)
                    w.member("state", creation.state)
                }
            }
            w.key("hints")
            w.array(detail.hints) { w, hint in
                w.object { w in
                    w.member("evidence", hint.evidence)
                    w.member("kind", hint.kind.rawValue)
                    w.member("message", hint.message)
                }
            }
            if let location = report.location {
                w.key("location")
                writeLocation(location, to: &w)
            }
            w.member("truncated", report.truncated)
        }
    }

    private static func writeLocation(_ location: RaceLocation, to writer: inout JSONWriter) {
        writer.object { w in
            switch location {
            case .heap(let size, let address, let goroutine, let frames):
                w.member("address", address)
                w.key("frames")
                writeFrames(frames, to: &w)
                w.member("goroutine", goroutine.description)
                w.member("kind", "heap")
                w.member("size", size)
            case .global(let name, let size, let address, let file, let line):
                w.member("address", address)
                w.member("file", file)
                w.key("frames")
                w.array([Frame]()) { _, _ in }
                w.member("kind", "global")
                w.member("line", line)
                w.member("name", name)
                w.member("size", size)
            }
        }
    }

    /// Frames as the report shows them: with whether each is the project's own code.
    private static func writeFrames(_ frames: [Frame], to writer: inout JSONWriter) {
        writer.array(frames) { w, frame in
            w.object { w in
                w.member("file", frame.file)
                w.member("function", frame.function)
                w.member("inProject", FrameClassifier.isInProject(frame.function))
                w.member("line", frame.line)
            }
        }
    }

    private static func writeTest(_ test: TestSummary, to writer: inout JSONWriter) {
        writer.object { w in
            w.member("groups", test.groupIDs)
            w.member("name", test.name)
            w.member("package", test.package)
            w.key("perArch")
            w.array(test.perArch) { w, counts in
                w.object { w in
                    w.member("arch", counts.arch)
                    w.member("failed", counts.failed)
                    w.member("passed", counts.passed)
                    w.member("skipped", counts.skipped)
                    w.member("verdict", counts.verdict.rawValue)
                }
            }
            w.member("verdict", test.verdict.rawValue)
        }
    }
}
