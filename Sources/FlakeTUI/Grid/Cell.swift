/// One terminal cell. A wide glyph occupies its first cell (width 2) and marks the next one as
/// its continuation (width 0), which the backend skips when painting.
public struct Cell: Sendable, Hashable {
    public var character: Character
    /// 1 normally, 2 for the first half of a wide glyph, 0 for the continuation half.
    public var width: UInt8
    public var style: CellStyle

    public init(_ character: Character = " ", width: UInt8 = 1, style: CellStyle = .plain) {
        self.character = character
        self.width = width
        self.style = style
    }

    public var isContinuation: Bool { width == 0 }

    public static let blank = Cell()
}
