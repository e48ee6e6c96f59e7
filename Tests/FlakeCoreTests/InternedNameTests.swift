import Foundation
import Testing

@testable import FlakeCore

/// A name is a string's two words: it must read back the same bytes, compare by content across
/// interners, and keep a string that could be freed alive.
@Suite struct InternedNameTests {
    private static let samples = [
        "", "TestA", "fifteen bytes!!", "sixteen bytes!!!", "example.com/kubevirt/pkg/virt-handler/device-manager",
        "TestÉchec/sous-test_ü", String(repeating: "日本", count: 20), "Test\u{0}WithNUL",
    ]

    private func name(_ text: String, in interner: ByteInterner) -> InternedName {
        Array(text.utf8).withUnsafeBufferPointer { interner.name(ByteLine(base: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)) }
    }

    private func bytes(of name: InternedName) -> [UInt8] {
        name.withBytes { Array(UnsafeBufferPointer(start: $0.base, count: $0.count)) }
    }

    @Test func thisPlatformsStringLayoutIsTheOneReadInPlace() {
        #expect(StringLayout.isKnown)
        #expect(unsafeBitCast("", to: (UInt64, UInt64).self) == InternedName.emptyWords)
    }

    @Test func aNameReadsBackItsStringsBytes() {
        let interner = ByteInterner()
        for text in Self.samples {
            for made in [InternedName(text), name(text, in: interner), InternedName(String(Substring(text + "!").dropLast()))] {
                #expect(made.string == text)
                #expect(bytes(of: made) == Array(text.utf8))
                #expect(made.withBytes(layoutKnown: false) { Array(UnsafeBufferPointer(start: $0.base, count: $0.count)) } == Array(text.utf8))
                #expect(made.isEmpty == text.isEmpty)
            }
        }
    }

    @Test func namesCompareAndHashByContentAcrossInterners() {
        let first = ByteInterner(), second = ByteInterner()
        for text in Self.samples {
            let a = name(text, in: first), b = name(text, in: second), c = InternedName(text)
            #expect(a == b && b == c && a == name(text, in: first))
            #expect(Set([a, b, c]).count == 1)
            #expect(a != name(text + "x", in: first))
            let line = Array(text.utf8)
            line.withUnsafeBufferPointer { buffer in
                let bytes = ByteLine(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count)
                #expect(bytes.equals(a, layoutKnown: true) && bytes.equals(b, layoutKnown: false))
            }
        }
    }

    @Test func aNameKeepsAStringThatWouldBeFreedAlive() {
        var names: [InternedName] = []
        for index in 0..<200 {
            // Made and dropped here: only the name holds it afterwards.
            let text = String(decoding: Array("example.com/pkg/number-\(index)-of-many-names".utf8), as: UTF8.self)
            names.append(InternedName(text))
        }
        // Churn the allocator: freed storage would be reused and overwritten.
        var churn: [[UInt8]] = []
        for index in 0..<2_000 { churn.append(Array(repeating: UInt8(index & 0xFF), count: 64)) }
        #expect(churn.count == 2_000)
        for (index, name) in names.enumerated() {
            #expect(name.string == "example.com/pkg/number-\(index)-of-many-names")
        }
    }

    @Test func aNameIsWrittenAndReadAsItsString() throws {
        let names = [InternedName("example.com/p"), InternedName(""), InternedName("TestÜ")]
        let data = try JSONEncoder().encode(names)
        #expect(String(decoding: data, as: UTF8.self) == #"["example.com\/p","","TestÜ"]"#)
        #expect(try JSONDecoder().decode([InternedName].self, from: data) == names)
    }
}
