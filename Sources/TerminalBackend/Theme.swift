import CNCursesW
import FlakeTUI

/// Maps colour roles to ncurses attributes: one fixed colour pair per role (well under the 64
/// pairs of 8-colour terminals), or attributes only when colour is off.
struct Theme {
    let colors: Bool

    /// Roles whose pair sets a background, so `reverse` must not flip them again.
    private static let filled: Set<ColorRole> = [.title, .selected, .status, .match]

    private static func colours(_ role: ColorRole) -> (fg: Int16, bg: Int16)? {
        switch role {
        case .plain, .hint, .dim: nil
        case .title: (Int16(COLOR_WHITE), Int16(COLOR_BLUE))
        case .header: (Int16(COLOR_CYAN), -1)
        case .selected: (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
        case .status: (Int16(COLOR_BLACK), Int16(COLOR_WHITE))
        case .hintKey: (Int16(COLOR_YELLOW), -1)
        case .bad: (Int16(COLOR_RED), -1)
        case .warn: (Int16(COLOR_YELLOW), -1)
        case .ok: (Int16(COLOR_GREEN), -1)
        case .match: (Int16(COLOR_BLACK), Int16(COLOR_YELLOW))
        case .accent: (Int16(COLOR_MAGENTA), -1)
        case .border: (Int16(COLOR_BLUE), -1)
        }
    }

    static func pairNumber(_ role: ColorRole) -> Int16 {
        Int16((ColorRole.allCases.firstIndex(of: role) ?? 0) + 1)
    }

    /// Call once after `start_color`.
    static func installPairs() {
        for role in ColorRole.allCases {
            if let (fg, bg) = colours(role) { init_pair(pairNumber(role), fg, bg) }
        }
    }

    func attributes(_ style: CellStyle) -> (attr: attr_t, pair: Int16) {
        var attr = cnc_a_normal()
        if style.bold { attr |= cnc_a_bold() }
        if style.dim { attr |= cnc_a_dim() }
        guard colors, Self.colours(style.role) != nil else {
            if style.reverse { attr |= cnc_a_reverse() }
            return (attr, 0)
        }
        if style.reverse, !Self.filled.contains(style.role) { attr |= cnc_a_reverse() }
        return (attr, Self.pairNumber(style.role))
    }
}
