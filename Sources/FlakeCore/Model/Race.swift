/// One stack frame of a race report or panic, as Go prints it.
public struct Frame: Sendable, Hashable, Codable {
    /// As printed, without the trailing `()` or arguments: `pkg/path.(*T).Method.func1`.
    public let function: String
    public let file: String
    public let line: Int

    public init(function: String, file: String, line: Int) {
        self.function = function
        self.file = file
        self.line = line
    }
}

public enum Goroutine: Sendable, Hashable, Codable, CustomStringConvertible {
    case id(Int)
    case main
    case unknown

    public var description: String {
        switch self {
        case .id(let n): "goroutine \(n)"
        case .main: "main goroutine"
        case .unknown: "unknown goroutine"
        }
    }
}

public enum AccessKind: String, Sendable, Hashable, Codable {
    case write, read
}

/// One memory access of a race report (`Write at 0x… by goroutine 7:` and its stack).
public struct RaceAccess: Sendable, Hashable, Codable {
    public let kind: AccessKind
    public let atomic: Bool
    /// `Previous write`/`Previous read`: the earlier of the two accesses.
    public let previous: Bool
    public let address: String?
    public let goroutine: Goroutine
    public let frames: [Frame]
    /// `[failed to restore the stack]`.
    public let stackUnavailable: Bool

    public init(
        kind: AccessKind, atomic: Bool, previous: Bool, address: String?, goroutine: Goroutine,
        frames: [Frame], stackUnavailable: Bool = false
    ) {
        self.kind = kind
        self.atomic = atomic
        self.previous = previous
        self.address = address
        self.goroutine = goroutine
        self.frames = frames
        self.stackUnavailable = stackUnavailable
    }
}

/// `Goroutine 8 (running) created at:` and its stack.
public struct GoroutineCreation: Sendable, Hashable, Codable {
    public let goroutine: Int
    public let state: String
    public let frames: [Frame]

    public init(goroutine: Int, state: String, frames: [Frame]) {
        self.goroutine = goroutine
        self.state = state
        self.frames = frames
    }
}

/// What the racing memory is: a heap block or a global variable.
public enum RaceLocation: Sendable, Hashable, Codable {
    case heap(size: Int, address: String, goroutine: Goroutine, frames: [Frame])
    case global(name: String, size: Int, address: String, file: String, line: Int)
}

/// One `WARNING: DATA RACE` report as parsed from one run.
public struct RaceReport: Sendable, Hashable, Codable {
    public var accesses: [RaceAccess]
    public var creations: [GoroutineCreation]
    public var location: RaceLocation?
    /// The log ended before the closing separator.
    public var truncated: Bool
    /// Tests the race is attributed to, from `race detected during execution of test` and stack frames.
    public var tests: [String]
    /// More than one candidate test, or none at all.
    public var attributionAmbiguous: Bool
    public var occurrence: Occurrence
    /// Line of the closing separator (or last line of a truncated report).
    public var endLine: Int

    public init(
        accesses: [RaceAccess] = [], creations: [GoroutineCreation] = [], location: RaceLocation? = nil,
        truncated: Bool = false, tests: [String] = [], attributionAmbiguous: Bool = false,
        occurrence: Occurrence, endLine: Int
    ) {
        self.accesses = accesses
        self.creations = creations
        self.location = location
        self.truncated = truncated
        self.tests = tests
        self.attributionAmbiguous = attributionAmbiguous
        self.occurrence = occurrence
        self.endLine = endLine
    }
}
