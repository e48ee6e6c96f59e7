/// What a cell means; the backend maps each role to one colour pair, so the palette stays
/// within the 64 pairs of 8-colour terminals.
public enum ColorRole: String, Sendable, Hashable, CaseIterable {
    case plain, title, header, selected, status, hint, hintKey, dim, bad, warn, ok, match, accent, border

    /// One letter per role for the style mask in golden files.
    public var maskLetter: Character {
        switch self {
        case .plain: "."
        case .title: "T"
        case .header: "H"
        case .selected: "S"
        case .status: "s"
        case .hint: "h"
        case .hintKey: "k"
        case .dim: "d"
        case .bad: "b"
        case .warn: "w"
        case .ok: "o"
        case .match: "m"
        case .accent: "a"
        case .border: "|"
        }
    }
}

/// Colour role plus the attributes that also work without colour.
public struct CellStyle: Sendable, Hashable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(_ role: ColorRole = .plain, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = CellStyle()
    public static let title = CellStyle(.title, bold: true, reverse: true)
    public static let header = CellStyle(.header, bold: true)
    public static let selected = CellStyle(.selected, reverse: true)
    public static let status = CellStyle(.status, reverse: true)
    public static let hint = CellStyle(.hint)
    public static let hintKey = CellStyle(.hintKey, bold: true)
    public static let dim = CellStyle(.dim, dim: true)
    public static let bad = CellStyle(.bad, bold: true)
    public static let warn = CellStyle(.warn)
    public static let ok = CellStyle(.ok)
    public static let match = CellStyle(.match, bold: true, reverse: true)
    public static let accent = CellStyle(.accent, bold: true)
    public static let border = CellStyle(.border)
}
