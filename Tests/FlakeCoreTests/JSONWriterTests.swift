import Foundation
import Testing
@testable import FlakeCore

/// The report's writer must give the bytes `JSONEncoder` gave (pretty, sorted keys, slashes as
/// they are): reports written before it merge with reports written after, and diff cleanly.
/// `JSONEncoder` is the oracle here.
@Suite struct JSONWriterTests {
    static func encoderBytes<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func writerBytes(_ write: (inout JSONWriter) -> Void) throws -> String {
        var writer = JSONWriter()
        write(&writer)
        return String(decoding: try writer.finish(), as: UTF8.self)
    }

    struct Sample: Encodable {
        let doubles: [Double]
        let empty: [Int]
        let flag: Bool
        let integers: [Int]
        let nested: [[String: [String]]]
        let text: [String]
    }

    @Test func valuesAndLayoutMatchJSONEncoder() throws {
        let everyASCII = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        let sample = Sample(
            doubles: [0, 1, -0.0, 0.5, 1e-5, 1e20, 1e16, 0.1 + 0.2, 123_456_789, 0.9999999999999999, .leastNonzeroMagnitude, .greatestFiniteMagnitude],
            empty: [], flag: true, integers: [0, 7, -7, 10, 1_000_000, .max, .min],
            nested: [["a/b": ["x", "y"]], ["c": []]],
            text: [everyASCII, "", "é ü 日本 \u{2028} \u{FEFF} 🙂", "path/to/file.go:12", "tab\there \"quoted\" back\\slash"])
        let written = try Self.writerBytes { w in
            w.object { w in
                w.key("doubles")
                w.array(sample.doubles) { $0.double($1) }
                w.key("empty")
                w.array(sample.empty) { $0.int($1) }
                w.member("flag", sample.flag)
                w.key("integers")
                w.array(sample.integers) { $0.int($1) }
                w.key("nested")
                w.array(sample.nested) { w, entry in
                    w.object { w in
                        for (key, value) in entry {
                            w.key(key == "a/b" ? "a/b" : "c")
                            w.array(value)
                        }
                    }
                }
                w.member("text", sample.text)
            }
        }
        #expect(written == (try Self.encoderBytes(sample)))
    }

    @Test func emptyObjectsAndNullsMatchJSONEncoder() throws {
        struct Holder: Encodable {
            let goroutines: [Goroutine]
            let none: JSONNull
        }
        struct JSONNull: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            }
        }
        let written = try Self.writerBytes { w in
            w.object { w in
                w.key("goroutines")
                w.array([0]) { w, _ in
                    w.object { w in
                        w.key("main")
                        w.object { _ in }
                    }
                }
                w.key("none")
                w.null()
            }
        }
        #expect(written == (try Self.encoderBytes(Holder(goroutines: [.main], none: JSONNull()))))
    }

    /// Every fixture's parsed contents, as the report embeds them for merging.
    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path).filter {
        ($0.hasSuffix(".log") || $0.hasSuffix(".json")) && $0 != "samplelogs-expected.json"
    }.sorted())
    func runContentsMatchJSONEncoder(fixture: String) throws {
        let log = try Fixtures.parse(fixture)
        let written = try Self.writerBytes { log.write(to: &$0) }
        #expect(written == (try Self.encoderBytes(log)))
        let decoded = try JSONDecoder().decode(ParsedLog.self, from: Data(written.utf8))
        #expect(try Self.encoderBytes(decoded) == written, "reads back to the same contents")
    }

    @Test func piecesThroughASinkMakeTheSameDocument() throws {
        let result = try Fixtures.analyze("race-two-races.log", "panic.json", "race-heap.log")
        let whole = JSONReport.render(result)
        let pieces = Pieces()
        var writer = JSONWriter(pieceSize: 100, sink: { pieces.all.append($0) })
        JSONReport.writeDocument(result, to: &writer)
        #expect(try writer.finish().isEmpty)
        #expect(pieces.all.count > 10)
        #expect(pieces.all.dropLast().allSatisfy { $0.count >= 100 }, "handed over in pieces of at least pieceSize")
        #expect(String(decoding: pieces.all.joined(), as: UTF8.self) == whole)
    }

    @Test func aFailingSinkStopsTheWriteAndFinishThrows() throws {
        struct Full: Error, Equatable {}
        let pieces = Pieces()
        var writer = JSONWriter(pieceSize: 16) { piece in
            pieces.all.append(piece)
            throw Full()
        }
        writer.object { w in
            w.member("a", String(repeating: "x", count: 64))
            w.member("b", String(repeating: "y", count: 64))
        }
        #expect(throws: Full()) { _ = try writer.finish() }
        #expect(pieces.all.count == 1, "nothing more goes to a sink that failed")
    }

    final class Pieces {
        var all: [[UInt8]] = []
    }
}
