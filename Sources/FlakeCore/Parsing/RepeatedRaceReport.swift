/// A race report that repeats, numbers aside, one that a worker read whole (`RaceBlockMemo`):
/// that report, and the numbers its own header lines print (addresses, goroutine ids). Every
/// copy of a lane's few reports used to make arrays and strings of its own, hand them to the
/// digest and the fold, and free them. A copy is made into a `RaceReport` only where one is asked
/// for (a group's example, the JSON report); the fold reads what it needs of every report (an
/// address, goroutine ids) from the numbers.
///
/// A class: handed on from the parser to the digest and the fold by reference, where a value
/// with its numbers was copied at every step.
final class RepeatedRaceReport: Sendable {
    let remembered: RememberedRaceReport
    let numbers: HeaderNumbers
    let occurrence: Occurrence
    let endLine: Int

    init(remembered: RememberedRaceReport, numbers: HeaderNumbers, occurrence: Occurrence, endLine: Int) {
        self.remembered = remembered
        self.numbers = numbers
        self.occurrence = occurrence
        self.endLine = endLine
    }

    /// The same copy, found at `occurrence`.
    func moved(to occurrence: Occurrence) -> RepeatedRaceReport {
        RepeatedRaceReport(remembered: remembered, numbers: numbers, occurrence: occurrence, endLine: endLine)
    }

    /// The report the race parser would have read: the remembered one with these numbers, and
    /// `parsedHeader(i)`, the text of header line `i`, for the lines read as they are (`.parsed`).
    /// Nil when those lines do not read as the remembered ones did (another kind of header).
    func report(parsedHeader: (Int) -> ByteLine? = { _ in nil }) -> RaceReport? {
        let remembered = remembered.report
        let rememberedAccesses = remembered.accesses, rememberedCreations = remembered.creations
        var accesses: [RaceAccess] = [], creations: [GoroutineCreation] = []
        accesses.reserveCapacity(rememberedAccesses.count)
        creations.reserveCapacity(rememberedCreations.count)
        var location = remembered.location
        var next = 0
        for (index, role) in self.remembered.roles.enumerated() {
            switch role {
            case let .access(hasAddress, hasID):
                guard accesses.count < rememberedAccesses.count else { return nil }
                let was = rememberedAccesses[accesses.count]
                let address = hasAddress ? numbers.address(next) : nil
                if hasAddress { next += 1 }
                var goroutine = was.goroutine
                if hasID {
                    goroutine = .id(numbers.decimal(next))
                    next += 1
                }
                accesses.append(
                    RaceAccess(
                        kind: was.kind, atomic: was.atomic, previous: was.previous, address: address, goroutine: goroutine,
                        frames: was.frames, stackUnavailable: was.stackUnavailable))
            case .creation:
                guard creations.count < rememberedCreations.count else { return nil }
                let was = rememberedCreations[creations.count]
                creations.append(GoroutineCreation(goroutine: numbers.decimal(next), state: was.state, frames: was.frames))
                next += 1
            case .heap(let hasID):
                guard case let .heap(_, _, goroutine, frames) = remembered.location else { return nil }
                location = .heap(
                    size: numbers.decimal(next), address: numbers.address(next + 1),
                    goroutine: hasID ? .id(numbers.decimal(next + 2)) : goroutine, frames: frames)
                next += hasID ? 3 : 2
            case .unchanged:
                break
            case .parsed:
                guard let line = parsedHeader(index) else { return nil }
                let text = line.trimmed()
                switch RaceReportParser.header(text) {
                case let .access(kind, atomic, previous, address, goroutine)?:
                    guard accesses.count < rememberedAccesses.count else { return nil }
                    let was = rememberedAccesses[accesses.count]
                    accesses.append(
                        RaceAccess(
                            kind: kind, atomic: atomic, previous: previous, address: address, goroutine: goroutine,
                            frames: was.frames, stackUnavailable: was.stackUnavailable))
                case let .creation(goroutine, state)?:
                    guard creations.count < rememberedCreations.count else { return nil }
                    creations.append(GoroutineCreation(goroutine: goroutine, state: state, frames: rememberedCreations[creations.count].frames))
                case let .heap(size, address, goroutine)?:
                    var frames: [Frame] = []
                    if case let .heap(_, _, _, rememberedFrames) = remembered.location { frames = rememberedFrames }
                    location = .heap(size: size, address: address, goroutine: goroutine, frames: frames)
                case .none?:
                    break
                case nil:
                    if text.hasPrefix("Global var ") { location = RaceReportParser.global(text) }
                }
            }
        }
        guard accesses.count == rememberedAccesses.count, creations.count == rememberedCreations.count else { return nil }
        return RaceReport(
            accesses: accesses, creations: creations, location: location, truncated: remembered.truncated,
            tests: remembered.tests, attributionAmbiguous: remembered.attributionAmbiguous, occurrence: occurrence, endLine: endLine)
    }

    // What the fold reads of every report, read from the numbers.

    var firstAccessAddress: String? {
        guard let number = remembered.firstAccessAddressNumber else { return nil }
        return numbers.address(number)
    }

    func goroutine(ofAccess index: Int) -> Goroutine {
        guard let number = remembered.accessGoroutineNumbers[index] else { return remembered.report.accesses[index].goroutine }
        return .id(numbers.decimal(number))
    }

    func creationIndex(ofGoroutine id: Int) -> Int? {
        remembered.creationGoroutineNumbers.firstIndex { numbers.decimal($0) == id }
    }
}

/// A report a worker read whole, as the copies found later refer to it.
final class RememberedRaceReport: Sendable {
    let report: RaceReport
    /// What each header line is, in order: how a copy's numbers become its report's.
    let roles: [RaceBlockMemo.HeaderRole]
    /// Its copies' stacks, as the digest works them out.
    let stacksSlot = RaceStacksSlot()
    /// Whether a copy needs its header lines' text (a role is `.parsed`), not only its numbers.
    let readsHeaderText: Bool
    /// Where the fold's numbers are among a copy's: the first access's address, each access's
    /// goroutine id (nil: the main goroutine, as remembered), each creation's goroutine id.
    let firstAccessAddressNumber: Int?
    let accessGoroutineNumbers: [Int?]
    let creationGoroutineNumbers: [Int]
    /// How many numbers a copy has.
    let numberCount: Int
    /// The name of the global variable the report names, if any (its copies name the same:
    /// a `Global var` line with a number in it is read again for every copy).
    let globalVariable: String?

    /// Nil when a copy's numbers would not fit `HeaderNumbers`, or the roles do not name the
    /// report's accesses and creations one for one.
    init?(report: RaceReport, roles: [RaceBlockMemo.HeaderRole]) {
        self.report = report
        self.roles = roles
        var next = 0, firstAddress: Int?, goroutines: [Int?] = [], creations: [Int] = [], readsText = false
        for role in roles {
            switch role {
            case let .access(hasAddress, hasID):
                if hasAddress, goroutines.isEmpty { firstAddress = next }
                if hasAddress { next += 1 }
                goroutines.append(hasID ? next : nil)
                if hasID { next += 1 }
            case .creation:
                creations.append(next)
                next += 1
            case .heap(let hasID):
                next += hasID ? 3 : 2
            case .unchanged:
                break
            case .parsed:
                readsText = true
            }
        }
        // (With `.parsed` roles, a copy is made into a report at once, and only `numberCount` is read.)
        guard next <= HeaderNumbers.capacity, readsText || (goroutines.count == report.accesses.count && creations.count == report.creations.count)
        else { return nil }
        readsHeaderText = readsText
        if case .global(let name, _, _, _, _) = report.location { globalVariable = name } else { globalVariable = nil }
        firstAccessAddressNumber = firstAddress
        accessGoroutineNumbers = goroutines
        creationGoroutineNumbers = creations
        numberCount = next
    }
}

/// The numbers of a copy's header lines that its roles read, in order: decimals, and addresses
/// with their count of hex digits (Go pads them with zeros, and the report keeps them as printed).
struct HeaderNumbers: Sendable {
    /// Two accesses with an address and a goroutine id each, two creations, and a heap block.
    static let capacity = 10
    private var values = InlineArray<10, UInt64>(repeating: 0)
    /// 0 for a decimal.
    private var hexDigits = InlineArray<10, UInt8>(repeating: 0)
    private(set) var count = 0

    /// False when the number does not fit (more than `capacity` numbers, or an address of more
    /// than 16 digits, or a decimal of more than 18).
    mutating func append(decimal digits: ByteLine) -> Bool {
        guard count < Self.capacity, let (value, end) = digits.integer(at: 0), end == digits.count else { return false }
        values[count] = UInt64(value)
        count += 1
        return true
    }

    mutating func append(hex digits: ByteLine) -> Bool {
        guard count < Self.capacity, digits.count > 0, digits.count <= 16 else { return false }
        var value: UInt64 = 0
        for i in 0..<digits.count {
            let byte = digits[i]
            value = value << 4 | UInt64(byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10)
        }
        values[count] = value
        hexDigits[count] = UInt8(digits.count)
        count += 1
        return true
    }

    func decimal(_ index: Int) -> Int { Int(values[index]) }

    /// `0x` and the digits as printed.
    func address(_ index: Int) -> String {
        let digits = Int(hexDigits[index])
        let value = values[index]
        return String(unsafeUninitializedCapacity: digits + 2) { buffer in
            buffer[0] = 0x30
            buffer[1] = 0x78
            var rest = value
            for i in stride(from: digits + 1, through: 2, by: -1) {
                let nibble = UInt8(truncatingIfNeeded: rest) & 0xF
                buffer[i] = nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble
                rest >>= 4
            }
            return digits + 2
        }
    }
}
