import CNCursesW
import FlakeTUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ncurses screen: opens it, paints grids, reads keys, and restores the terminal.
/// Not Sendable and never global: it lives on the run loop's stack.
final class Terminal {
    private var screen: OpaquePointer?
    private let theme: Theme
    private let unicode: Bool
    /// What is on screen, to paint only the cells that changed.
    private var painted: Grid?

    init() throws {
        // First, or ncursesw draws every non-ASCII cell blank.
        setlocale(LC_ALL, "")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else { throw TerminalError.unusableTerminal("TERM is \(term.isEmpty ? "unset" : term)") }
        cnc_set_escdelay(25)  // Esc would otherwise take a second
        cnc_default_sigwinch()
        // newterm, not initscr: initscr exits the process when the terminal is unknown.
        guard let opened = newterm(nil, cnc_stdout(), cnc_stdin()) else {
            throw TerminalError.unusableTerminal("ncurses cannot open TERM=\(term)")
        }
        screen = opened
        cbreak()
        noecho()
        nonl()
        keypad(cnc_stdscr(), true)
        curs_set(0)
        let wantColour = getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true
        var colours = false
        if wantColour, has_colors() {
            start_color()
            use_default_colors()
            Theme.installPairs()
            colours = true
        }
        theme = Theme(colors: colours)
        unicode = String(cString: cnc_codeset()) == "UTF-8"
    }

    deinit { shutdown() }

    var size: Size { Size(width: Int(getmaxx(cnc_stdscr())), height: Int(getmaxy(cnc_stdscr()))) }

    /// Catches a resize that arrived without KEY_RESIZE (SIGWINCH lost or ignored by a parent):
    /// compares the kernel's size with ncurses' and resizes ncurses to match.
    func pollResize() -> Bool {
        var rows: Int32 = 0, cols: Int32 = 0
        guard cnc_window_size(&rows, &cols) == 0, rows > 0, cols > 0 else { return false }
        guard Int(rows) != size.height || Int(cols) != size.width else { return false }
        resize_term(rows, cols)
        return true
    }

    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout or an unknown code.
    func read(timeoutMilliseconds: Int32) -> TerminalEvent? {
        wtimeout(cnc_stdscr(), timeoutMilliseconds)
        var wch: wint_t = 0
        let rc = wget_wch(cnc_stdscr(), &wch)
        if rc == KEY_CODE_YES { return KeyDecoder.decode(functionKey: Int32(wch)) }
        if rc == OK { return KeyDecoder.decode(character: UInt32(wch)) }
        return nil
    }

    /// Paints the cells that differ from the last grid, then refreshes.
    func draw(_ grid: Grid) {
        if painted?.size != grid.size {
            painted = nil
            werase(cnc_stdscr())
        }
        for y in 0..<grid.height {
            var x = 0
            while x < grid.width {
                let cell = grid[x, y]
                defer { x += 1 }
                if cell.isContinuation { continue }
                if let painted, painted[x, y] == cell, cell.width != 2 || painted[x + 1, y] == grid[x + 1, y] { continue }
                paint(cell, x: x, y: y)
            }
        }
        painted = grid
        wrefresh(cnc_stdscr())
    }

    private func paint(_ cell: Cell, x: Int, y: Int) {
        var glyph = cell.character
        if !unicode, !(glyph.isASCII) { glyph = Self.asciiFallback(glyph) }
        let (attr, pair) = theme.attributes(cell.style)
        var chars: [wchar_t] = glyph.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        var cc = cchar_t()
        setcchar(&cc, &chars, attr, pair, nil)
        // The bottom-right cell returns ERR because the cursor cannot advance: harmless.
        _ = mvwadd_wch(cnc_stdscr(), Int32(y), Int32(x), &cc)
        if !unicode, cell.width == 2 {
            var space: [wchar_t] = [32, 0]
            setcchar(&cc, &space, attr, pair, nil)
            _ = mvwadd_wch(cnc_stdscr(), Int32(y), Int32(x + 1), &cc)
        }
    }

    /// Glyphs for terminals without UTF-8, one column each.
    static func asciiFallback(_ c: Character) -> Character {
        switch c {
        case "▸", "›": ">"
        case "│", "┤", "├": "|"
        case "─", "·", "–", "—": "-"
        case "┌", "┐", "└", "┘": "+"
        case "↔": "="
        case "…": "~"
        case "✓": "+"
        case "✗": "x"
        case "•": "*"
        default: "?"
        }
    }

    /// Hands the terminal to another program (the pager) and takes it back afterwards.
    func suspend() {
        def_prog_mode()
        endwin()
    }

    func resume() {
        reset_prog_mode()
        painted = nil
        clearok(cnc_stdscr(), true)
        wrefresh(cnc_stdscr())
    }

    /// Restores the terminal; safe to call more than once.
    func shutdown() {
        guard let screen else { return }
        endwin()
        delscreen(screen)
        self.screen = nil
    }
}
