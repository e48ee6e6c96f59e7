import FlakeTUI
import Testing

@Suite struct GridTests {
    @Test func asciiTakesOneColumnEach() {
        var grid = Grid(width: 10, height: 1)
        #expect(grid.put("abc", x: 2, y: 0) == 3)
        #expect(grid.rowText(0) == "  abc")
    }

    @Test func wideGlyphTakesTwoCellsWithAContinuation() {
        var grid = Grid(width: 6, height: 1)
        grid.put("データ", x: 0, y: 0)
        #expect(grid[0, 0].width == 2)
        #expect(grid[1, 0].isContinuation)
        #expect(grid.rowText(0) == "データ")
    }

    @Test func wideGlyphThatDoesNotFitBecomesASpace() {
        var grid = Grid(width: 3, height: 1)
        grid.put("aデ", x: 1, y: 0)
        #expect(grid.rowText(0) == " a")
        #expect(!grid[2, 0].isContinuation)
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var grid = Grid(width: 4, height: 1)
        grid.put("デ", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.rowText(0) == " x")
        #expect(grid[0, 0].width == 1)
    }

    @Test func clipsAtMaxWidthAndEdges() {
        var grid = Grid(width: 5, height: 2)
        #expect(grid.put("abcdef", x: 1, y: 0, maxWidth: 2) == 2)
        grid.put("zzzzzzzz", x: 3, y: 1)
        grid.put("never", x: 0, y: 5)
        #expect(grid.text == " ab\n   zz")
    }

    @Test func controlCharactersBecomeSpacesAndTabsExpand() {
        var grid = Grid(width: 12, height: 1)
        grid.put("a\tb\u{7}c", x: 0, y: 0)
        #expect(grid.rowText(0) == "a   b c")
    }

    @Test func zeroAndOneCellGridsAcceptWrites() {
        var empty = Grid(width: 0, height: 0)
        empty.put("x", x: 0, y: 0)
        empty.fill(Rect(x: 0, y: 0, width: 5, height: 5))
        var one = Grid(width: 1, height: 1)
        one.put("デx", x: 0, y: 0)
        #expect(empty.text == "")
        #expect(one.rowText(0) == "")
    }

    @Test func styleMaskNamesRoles() {
        var grid = Grid(width: 6, height: 1)
        grid.put("ab", x: 1, y: 0, style: .bad)
        #expect(grid.styleMask == ".bb")
    }
}

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("→", 1), ("—", 1), ("デ", 2), ("한", 2), ("😀", 2), ("e\u{301}", 1), ("\u{200B}", 0), ("\u{1}", 0),
    ])
    func widthOfOneCharacter(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func stringWidthAndTruncation() {
        #expect(DisplayWidth.of("データ競合 ok") == 13)
        #expect(DisplayWidth.truncate("データ競合", to: 5) == "デー…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.padLeft("ab", to: 4) == "  ab")
    }
}
