/// A race's identity: the unordered pair of its two accesses, each reduced to its first few
/// in-project frames, plus the global variable when the report names one. Whether a side read
/// or wrote is left out: when both goroutines run `x++`, one run reports read/write and the
/// next write/write, and it is the same race.
enum RaceSignature {
    static func make(_ report: RaceReport, options: SignatureOptions) -> String {
        make(sidesPart: HashedString(make(sides: sides(report, options: options))), location: report.location).string
    }

    /// The signature's part from access keys already worked out (`sides`): the same for every
    /// report with the same stacks, so it is made once per distinct report (`RaceStackMemo`).
    static func make(sides: [String]) -> String {
        "race|" + sides.joined(separator: "|")
    }

    /// The whole signature from its sides' part: a global variable's name, when the report
    /// names one, is added to it.
    static func make(sidesPart: HashedString, location: RaceLocation?) -> HashedString {
        guard case .global(let name, _, _, _, _) = location else { return sidesPart }
        return make(sidesPart: sidesPart, global: name)
    }

    /// `global`: the name of the global variable the report names, if any.
    static func make(sidesPart: HashedString, global: String?) -> HashedString {
        guard let global else { return sidesPart }
        return HashedString(sidesPart.string + "|global " + FrameClassifier.normalizedFunction(global))
    }

    /// The two accesses' keys, sorted so that the pair is unordered.
    static func sides(_ report: RaceReport, options: SignatureOptions) -> [String] {
        report.accesses.prefix(2).map { access(access: $0, options: options) }.sorted()
    }

    static func access(access: RaceAccess, options: SignatureOptions) -> String {
        let frames = inProjectFrames(access.frames).prefix(options.depth).map { frame in
            let function = generalizingTest(FrameClassifier.normalizedFunction(frame.function))
            return options.keepLineNumbers ? "\(function):\(frame.line)" : function
        }
        if frames.isEmpty {
            // Nothing of the project on the stack (or the stack was lost): keep what there is.
            let fallback = access.frames.prefix(options.depth).map { FrameClassifier.normalizedFunction($0.function) }
            return "~" + (fallback.isEmpty ? "?" : fallback.joined(separator: ">"))
        }
        return frames.joined(separator: ">")
    }

    static func inProjectFrames(_ frames: [Frame]) -> [Frame] {
        frames.filter { FrameClassifier.isInProject($0.function) }
    }

    /// `pkg.TestB.func1` → `pkg.Test*.func1`: the same setup code racing with the same reader
    /// is one race whichever test's setup ran it; the tests are listed on the group.
    static func generalizingTest(_ function: String) -> String {
        guard let (package, test) = TestNames.split(function: function) else { return function }
        let rest = function.dropFirst(package.count + 1 + test.count)
        return package + ".Test*" + rest
    }

    /// The function a person would name the access by: the first in-project frame.
    static func headline(_ access: RaceAccess) -> String? {
        access.frames.first { FrameClassifier.isInProject($0.function) }.map { FrameClassifier.shortFunction($0.function) }
            ?? access.frames.first.map { FrameClassifier.shortFunction($0.function) }
    }
}
