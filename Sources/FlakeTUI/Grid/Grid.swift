/// A screen's worth of cells, row-major. Views draw into it; the backend paints it and the
/// golden tests compare its text.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public init(size: Size) { self.init(width: size.width, height: size.height) }

    public var size: Size { Size(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and the grid's edge.
    /// Tabs advance to the next multiple of 4 (relative to `x`); control characters become spaces.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil)
        -> Int
    {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        for character in text {
            if column >= limit { break }
            if character == "\t" {
                let next = x + ((column - x) / 4 + 1) * 4
                while column < min(next, limit) {
                    set(column, y, Cell(" ", width: 1, style: style))
                    column += 1
                }
                continue
            }
            var w = DisplayWidth.of(character)
            var glyph = character
            if w == 0 {
                if character.unicodeScalars.first.map({ $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) ?? true {
                    glyph = " "
                    w = 1
                } else {
                    continue  // a lone combining mark: drop it rather than misalign the row
                }
            }
            if column < 0 {
                column += w
                continue
            }
            if w == 2 {
                if column + 1 >= limit {
                    set(column, y, Cell(" ", width: 1, style: style))
                    column += 1
                    break
                }
                set(column, y, Cell(glyph, width: 2, style: style))
                set(column + 1, y, Cell(" ", width: 0, style: style))
                column += 2
            } else {
                set(column, y, Cell(glyph, width: 1, style: style))
                column += 1
            }
        }
        return max(0, column - max(x, 0))
    }

    /// Sets the style of every cell in the rectangle and blanks it.
    public mutating func fill(_ rect: Rect, style: CellStyle = .plain, character: Character = " ") {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { set(x, y, Cell(character, width: 1, style: style)) }
        }
    }

    /// Changes the style of cells without touching their characters (row highlights).
    public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { transform(&cells[y * width + x].style) }
        }
    }

    /// The rows as text, trailing blanks trimmed: what a user reads and golden files hold.
    public var text: String {
        (0..<height).map { rowText($0) }.joined(separator: "\n")
    }

    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var row = ""
        for x in 0..<width {
            let cell = cells[y * width + x]
            if !cell.isContinuation { row.append(cell.character) }
        }
        while row.last == " " { row.removeLast() }
        return row
    }

    /// One letter per column naming the cell's role (uppercase roles are listed in `ColorRole`),
    /// so golden files also pin highlights; trailing plain cells trimmed.
    public var styleMask: String {
        (0..<height).map { y in
            var row = ""
            for x in 0..<width { row.append(cells[y * width + x].style.role.maskLetter) }
            while row.last == "." { row.removeLast() }
            return row
        }.joined(separator: "\n")
    }

    /// Writes one cell, blanking the other half of any wide glyph it overwrites.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = y * width + x
        let old = cells[i]
        if old.width == 2, x + 1 < width, cell.width != 2 {
            cells[i + 1] = Cell(" ", width: 1, style: cells[i + 1].style)
        } else if old.isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(" ", width: 1, style: cells[i - 1].style)
        }
        cells[i] = cell
    }
}
