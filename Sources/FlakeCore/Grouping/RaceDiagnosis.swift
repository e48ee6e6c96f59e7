/// Reads a race's stacks for the causes that took KubeVirt's investigation days to see.
enum RaceDiagnosis {
    struct Observation {
        let report: RaceReport
        let detectedIn: [String]
        let arch: String
        let runID: Int
    }

    static func hints(for observations: [Observation]) -> [DiagnosisHint] {
        var hints: [DiagnosisHint] = []
        if let hint = goroutineOutlivedTest(observations) { hints.append(hint) }
        if let hint = testSetupWrite(observations) { hints.append(hint) }
        if let hint = packageLevelVariable(observations) { hints.append(hint) }
        return hints
    }

    static func describe(_ frame: Frame) -> String {
        "\(FrameClassifier.shortFunction(frame.function)) (\(FrameClassifier.baseName(frame.file)):\(frame.line))"
    }

    /// An access by a goroutine that a different test created, while another test ran.
    private static func goroutineOutlivedTest(_ observations: [Observation]) -> DiagnosisHint? {
        for observation in observations {
            for access in observation.report.accesses {
                guard case .id(let id) = access.goroutine,
                    let creation = observation.report.creations.first(where: { $0.goroutine == id })
                else { continue }
                guard let creatorFrame = creation.frames.first(where: { TestNames.split(function: $0.function) != nil }),
                    let creator = TestNames.split(function: creatorFrame.function)?.test
                else { continue }
                let running = observation.detectedIn.filter { $0 != creator && !$0.hasPrefix(creator + "/") }
                guard let victim = running.first else { continue }
                let place = "\(FrameClassifier.baseName(creatorFrame.file)):\(creatorFrame.line)"
                var evidence = ["goroutine \(id) started in \(creator) (\(place))"]
                if let creatingFrame = creation.frames.first(where: { FrameClassifier.isInProject($0.function) }),
                    creatingFrame != creatorFrame
                {
                    evidence.append("started by \(describe(creatingFrame))")
                }
                if let accessFrame = RaceSignature.inProjectFrames(access.frames).first {
                    evidence.append("raced during \(victim) in \(describe(accessFrame))")
                } else {
                    evidence.append("raced during \(victim)")
                }
                return DiagnosisHint(
                    kind: .goroutineOutlivedTest,
                    message: "a goroutine outlived the test that started it (an earlier test's worker still running)",
                    evidence: evidence)
            }
        }
        return nil
    }

    /// A write from test code (setup) against a read in package code.
    private static func testSetupWrite(_ observations: [Observation]) -> DiagnosisHint? {
        for observation in observations {
            let accesses = observation.report.accesses
            guard let write = accesses.first(where: { $0.kind == .write }),
                let read = accesses.first(where: { $0.kind == .read }),
                let writeFrame = RaceSignature.inProjectFrames(write.frames).first,
                let readFrame = RaceSignature.inProjectFrames(read.frames).first
            else { continue }
            let writeFromTest = writeFrame.file.hasSuffix("_test.go")
            let readFromPackage = !readFrame.file.hasSuffix("_test.go")
            guard writeFromTest, readFromPackage else { continue }
            return DiagnosisHint(
                kind: .testSetupWrite,
                message: "test setup writes what package code reads",
                evidence: ["write in test code: \(describe(writeFrame))", "read in package code: \(describe(readFrame))"])
        }
        return nil
    }

    /// A package-level variable: the report names a global, or the same address recurs in
    /// different runs of one binary (heap addresses differ from run to run, globals do not).
    private static func packageLevelVariable(_ observations: [Observation]) -> DiagnosisHint? {
        for observation in observations {
            if case .global(let name, _, _, let file, let line) = observation.report.location {
                let evidence = ["\(FrameClassifier.shortFunction(name)) declared at \(FrameClassifier.baseName(file)):\(line)"]
                return DiagnosisHint(
                    kind: .packageLevelVariable,
                    message: "a package-level variable, shared by every test in the binary",
                    evidence: evidence)
            }
        }
        var runsByArchAndAddress: [String: Set<Int>] = [:]
        var frameForKey: [String: Frame] = [:]
        for observation in observations {
            if case .heap = observation.report.location { continue }
            guard let access = observation.report.accesses.first, let address = access.address else { continue }
            let key = observation.arch + " " + address
            runsByArchAndAddress[key, default: []].insert(observation.runID)
            if let frame = RaceSignature.inProjectFrames(access.frames).first { frameForKey[key] = frame }
        }
        if let (key, runs) = runsByArchAndAddress.filter({ $0.value.count >= 2 }).max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }) {
            let parts = key.split(separator: " ")
            var evidence = ["the same address \(parts[1]) in \(runs.count) separate runs on \(parts[0])"]
            if let frame = frameForKey[key] { evidence.append("accessed in \(describe(frame))") }
            return DiagnosisHint(
                kind: .packageLevelVariable,
                message: "a package-level variable shared across tests (heap memory moves between runs)",
                evidence: evidence)
        }
        return nil
    }
}
