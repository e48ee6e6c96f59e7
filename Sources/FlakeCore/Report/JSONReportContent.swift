/// A run's parsed contents in the JSON report: exactly what the synthesized `Decodable` of
/// `ParsedLog` reads back when `flaketui exports/` merges reports (the round trip is tested).
/// Enums with associated values take the synthesized shape: `{"id" : {"_0" : 7}}`.
extension ParsedLog {
    func write(to writer: inout JSONWriter) {
        writer.object { w in
            w.key("buildFailures")
            w.array(buildFailures) { w, failure in
                w.object { w in
                    w.member("line", failure.line)
                    w.member("messages", failure.messages)
                    w.member("package", failure.package)
                }
            }
            if let contentArch {
                w.key("contentArch")
                w.object { w in
                    w.member("arch", contentArch.arch)
                    w.member("evidence", contentArch.evidence)
                }
            }
            w.member("format", format.rawValue)
            w.member("goVersion", ifPresent: goVersion)
            w.key("packages")
            w.array(packages) { w, package in
                w.object { w in
                    w.member("line", package.line)
                    w.member("name", package.name)
                    w.member("outcome", package.outcome.rawValue)
                }
            }
            w.key("panics")
            w.array(panics) { w, panic in
                w.object { w in
                    w.key("frames")
                    Self.write(panic.frames, to: &w)
                    w.member("isTimeout", panic.isTimeout)
                    w.member("line", panic.line)
                    w.member("message", panic.message)
                    w.member("package", panic.package)
                    w.member("runningTests", panic.runningTests)
                    w.member("test", ifPresent: panic.test)
                }
            }
            w.key("races")
            w.array(races) { w, race in
                w.object { w in
                    w.member("detectedIn", race.detectedIn)
                    w.member("outsideTests", race.outsideTests)
                    w.member("package", race.package)
                    w.key("report")
                    Self.write(race.report, to: &w)
                }
            }
            w.key("specFailures")
            w.array(specFailures) { w, failure in
                w.object { w in
                    w.member("isPanic", failure.isPanic)
                    w.member("line", failure.line)
                    w.member("message", failure.message)
                    w.member("package", failure.package)
                    w.member("spec", failure.spec)
                    w.member("suiteTest", ifPresent: failure.suiteTest)
                }
            }
            w.key("tests")
            w.array(tests) { w, test in
                w.object { w in
                    w.member("line", test.line)
                    w.member("messages", test.messages)
                    w.member("name", test.name)
                    w.member("outcome", test.outcome.rawValue)
                    w.member("package", test.package)
                    w.member("raceDetected", test.raceDetected)
                }
            }
            w.member("warnings", warnings)
        }
    }

    private static func write(_ report: RaceReport, to writer: inout JSONWriter) {
        writer.object { w in
            w.key("accesses")
            w.array(report.accesses) { w, access in
                w.object { w in
                    w.member("address", ifPresent: access.address)
                    w.member("atomic", access.atomic)
                    w.key("frames")
                    write(access.frames, to: &w)
                    w.key("goroutine")
                    write(access.goroutine, to: &w)
                    w.member("kind", access.kind.rawValue)
                    w.member("previous", access.previous)
                    w.member("stackUnavailable", access.stackUnavailable)
                }
            }
            w.member("attributionAmbiguous", report.attributionAmbiguous)
            w.key("creations")
            w.array(report.creations) { w, creation in
                w.object { w in
                    w.key("frames")
                    write(creation.frames, to: &w)
                    w.member("goroutine", creation.goroutine)
                    w.member("state", creation.state)
                }
            }
            w.member("endLine", report.endLine)
            if let location = report.location {
                w.key("location")
                write(location, to: &w)
            }
            w.key("occurrence")
            w.object { w in
                w.member("line", report.occurrence.line)
                w.member("runID", report.occurrence.runID)
            }
            w.member("tests", report.tests)
            w.member("truncated", report.truncated)
        }
    }

    private static func write(_ location: RaceLocation, to writer: inout JSONWriter) {
        writer.object { w in
            switch location {
            case .heap(let size, let address, let goroutine, let frames):
                w.key("heap")
                w.object { w in
                    w.member("address", address)
                    w.key("frames")
                    write(frames, to: &w)
                    w.key("goroutine")
                    write(goroutine, to: &w)
                    w.member("size", size)
                }
            case .global(let name, let size, let address, let file, let line):
                w.key("global")
                w.object { w in
                    w.member("address", address)
                    w.member("file", file)
                    w.member("line", line)
                    w.member("name", name)
                    w.member("size", size)
                }
            }
        }
    }

    private static func write(_ goroutine: Goroutine, to writer: inout JSONWriter) {
        writer.object { w in
            switch goroutine {
            case .id(let number):
                w.key("id")
                w.object { w in w.member("_0", number) }
            case .main:
                w.key("main")
                w.object { _ in }
            case .unknown:
                w.key("unknown")
                w.object { _ in }
            }
        }
    }

    private static func write(_ frames: [Frame], to writer: inout JSONWriter) {
        writer.array(frames) { w, frame in
            w.object { w in
                w.member("file", frame.file)
                w.member("function", frame.function)
                w.member("line", frame.line)
            }
        }
    }
}
