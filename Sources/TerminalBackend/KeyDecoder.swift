import CNCursesW
import FlakeTUI

/// What one read from the terminal produced.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case resize
}

/// Turns ncurses codes into keys. Separate from the terminal so it can be tested without one.
public enum KeyDecoder {
    /// A code returned with `KEY_CODE_YES` (arrows, pages, resize, ...).
    public static func decode(functionKey code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_LEFT: .key(.left)
        case KEY_RIGHT: .key(.right)
        case KEY_NPAGE: .key(.pageDown)
        case KEY_PPAGE: .key(.pageUp)
        case KEY_HOME: .key(.home)
        case KEY_END: .key(.end)
        case KEY_ENTER: .key(.enter)
        case KEY_BACKSPACE: .key(.backspace)
        case KEY_BTAB: .key(.backTab)
        case KEY_RESIZE: .resize
        default: nil
        }
    }

    /// A character returned with `OK`. With `nonl()` Enter arrives as 0x0D.
    public static func decode(character code: UInt32) -> TerminalEvent? {
        switch code {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x1B: return .key(.escape)
        case 0x09: return .key(.tab)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(code + 0x60)!)))
        case 0x00..<0x20: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }
}
