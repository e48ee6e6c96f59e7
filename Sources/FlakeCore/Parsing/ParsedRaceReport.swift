/// A race report as a run's parse hands it on to the digest and the fold: read line by line,
/// or a copy of a remembered one, kept as its numbers (see `RepeatedRaceReport`).
enum ParsedRaceReport: Sendable {
    case read(RaceReport)
    case repeated(RepeatedRaceReport)

    var report: RaceReport {
        switch self {
        case .read(let report): return report
        // A copy is made with numbers for every role, and roles that name the remembered
        // report's accesses and creations one for one (`RememberedRaceReport`): it cannot fail.
        case .repeated(let copy): return copy.report() ?? copy.remembered.report
        }
    }

    var occurrence: Occurrence {
        get {
            switch self {
            case .read(let report): return report.occurrence
            case .repeated(let copy): return copy.occurrence
            }
        }
        set {
            switch self {
            case .read(var report):
                report.occurrence = newValue
                self = .read(report)
            case .repeated(let copy):
                self = .repeated(copy.moved(to: newValue))
            }
        }
    }

    /// Where the digest of a copy's stacks is kept (see `RaceStacksSlot`).
    var stacksSlot: RaceStacksSlot? {
        if case .repeated(let copy) = self { return copy.remembered.stacksSlot }
        return nil
    }

    /// The report's accesses and creations as far as their stacks go (a copy's are the
    /// remembered report's, with the remembered numbers): what signatures are made of.
    var stacks: RaceReport {
        switch self {
        case .read(let report): return report
        case .repeated(let copy): return copy.remembered.report
        }
    }

    // What the fold reads of every report, read in place.

    var truncated: Bool {
        switch self {
        case .read(let report): return report.truncated
        case .repeated(let copy): return copy.remembered.report.truncated
        }
    }

    var accessCount: Int {
        switch self {
        case .read(let report): return report.accesses.count
        case .repeated(let copy): return copy.remembered.report.accesses.count
        }
    }

    var firstAccessAddress: String? {
        switch self {
        case .read(let report): return report.accesses.first?.address
        case .repeated(let copy): return copy.firstAccessAddress
        }
    }

    func goroutine(ofAccess index: Int) -> Goroutine {
        switch self {
        case .read(let report): return report.accesses[index].goroutine
        case .repeated(let copy): return copy.goroutine(ofAccess: index)
        }
    }

    func creationIndex(ofGoroutine id: Int) -> Int? {
        switch self {
        case .read(let report): return report.creations.firstIndex { $0.goroutine == id }
        case .repeated(let copy): return copy.creationIndex(ofGoroutine: id)
        }
    }

    /// The name of the global variable the report names (`Global var …`), if any.
    var globalVariable: String? {
        switch self {
        case .read(let report):
            guard case .global(let name, _, _, _, _) = report.location else { return nil }
            return name
        case .repeated(let copy): return copy.remembered.globalVariable
        }
    }

    /// For a copy, a heap block's numbers are the remembered report's: what groups ask of a
    /// location is only whether it is a heap block or a global variable (a report that names
    /// a global variable is never kept as a copy: its `Global var` line is read as it is).
    var location: RaceLocation? {
        switch self {
        case .read(let report): return report.location
        case .repeated(let copy): return copy.remembered.report.location
        }
    }
}
