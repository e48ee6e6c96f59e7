/// Why the dashboard cannot start; the executable then prints the plain report with this note.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case unusableTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output are not both terminals"
        case .unusableTerminal(let why): why
        }
    }
}
