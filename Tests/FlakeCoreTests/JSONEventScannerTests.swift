import Testing

@testable import FlakeCore

/// test2json names arrive escaped or not, and the scanner remembers the last of each: a name
/// read raw, one that needed unescaping, and the same name written both ways all decode alike.
@Suite struct JSONEventScannerTests {
    private func names(_ lines: [String]) -> [(package: String, test: String)] {
        var scanner = JSONEventScanner()
        scanner.interner = ByteInterner()
        return lines.map { text in
            let scanned = Array(text.utf8).withUnsafeBufferPointer { buffer in
                scanner.scan(ByteLine(base: buffer.baseAddress!, count: buffer.count))
            }
            #expect(scanned)
            return (scanner.event.package, scanner.event.test)
        }
    }

    private func line(_ package: String, _ test: String) -> String {
        #"{"Time":"2026-11-25T10:00:00Z","Action":"run","Package":"\#(package)","Test":"\#(test)"}"#
    }

    @Test func escapedAndRawNamesDecodeAlike() {
        let read = names([
            line("example.com/m/pkg", "TestAb"),
            line("example.com/m/pkg", #"Test\u0041b"#),
            line("example.com/m/pkg", #"Test\u0041b"#),
            line(#"example.com\/m\/pkg"#, "TestAb"),
            line("example.com/m/pkg", #"TestQuote\"d"#),
            line("example.com/m/pkg", "TestAb"),
        ])
        #expect(read.map(\.package) == Array(repeating: "example.com/m/pkg", count: 6))
        #expect(read.map(\.test) == ["TestAb", "TestAb", "TestAb", "TestAb", #"TestQuote"d"#, "TestAb"])
    }

    @Test func fieldsInAnotherOrderAreRead() {
        let read = names([#"{"Action":"pass","Test":"TestZ","Package":"p\u00e9"}"#, line("p", "TestZ")])
        #expect(read[0].package == "pé" && read[0].test == "TestZ")
        #expect(read[1].package == "p" && read[1].test == "TestZ")
    }

    /// A repeated name is recognised by its bytes and leaves the event as it was: names that
    /// start like the last one, are longer or shorter, or come after a line without a test, a
    /// line in another order or an escaped name, must still be read as they are.
    @Test func namesThatOnlyLookRepeatedAreRead() {
        let noTest = #"{"Time":"2026-11-25T10:00:00Z","Action":"pass","Package":"p","Elapsed":0.1}"#
        let read = names([
            line("p", "TestA"),
            line("p", "TestA"),
            line("p", "TestAB"),
            line("p", "TestA"),
            line("p", "Test"),
            line("pq", "Test"),
            line("p", "Test"),
            noTest,
            line("p", "Test"),
            #"{"Action":"run","Test":"TestB","Package":"q"}"#,
            line("q", "TestB"),
            line("q", #"TestB"#),
            line("q", #"TestB"#),
            line("q", "TestB"),
            line("q", ""),
            line("q", "TestB"),
        ])
        #expect(read.map(\.package) == ["p", "p", "p", "p", "p", "pq", "p", "p", "p", "q", "q", "q", "q", "q", "q", "q"])
        #expect(
            read.map(\.test) == [
                "TestA", "TestA", "TestAB", "TestA", "Test", "Test", "Test", "", "Test", "TestB", "TestB", "TestB", "TestB",
                "TestB", "", "TestB",
            ])
    }
}
