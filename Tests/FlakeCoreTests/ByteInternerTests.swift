import Testing

@testable import FlakeCore

/// Interned names are shared, and their storage is immortal: copies do not count references,
/// and a copy that is changed gets storage of its own.
@Suite struct ByteInternerTests {
    private func intern(_ text: String, in interner: ByteInterner) -> String {
        Array(text.utf8).withUnsafeBufferPointer { interner.string(ByteLine(base: $0.baseAddress!, count: $0.count)) }
    }

    private func storage(of string: String) -> UnsafeMutableRawPointer? {
        let object = unsafeBitCast(string, to: (UInt64, UInt64).self).1
        return object >> 60 == 0 ? UnsafeMutableRawPointer(bitPattern: UInt(object)) : nil
    }

    @Test func aNameIsStoredOnceAndMadeImmortal() throws {
        let interner = ByteInterner()
        let name = "example.com/kubevirt/pkg/virt-handler/device-manager.initHandler"
        let first = intern(name, in: interner), second = intern(name, in: interner)
        #expect(first == name && second == name && interner.count == 1)
        let object = try #require(storage(of: first))
        #expect(storage(of: second) == object)
        // Copies of an immortal object leave its count as it was.
        let before = retainCount(object)
        let copies = Array(repeating: first, count: 10)
        #expect(retainCount(object) == before && copies.count == 10)
        // A string made the ordinary way is counted.
        let ordinary = String(decoding: Array(name.utf8), as: UTF8.self)
        let ordinaryObject = try #require(storage(of: ordinary))
        let ordinaryBefore = retainCount(ordinaryObject)
        let ordinaryCopies = Array(repeating: ordinary, count: 10)
        #expect(retainCount(ordinaryObject) == ordinaryBefore + 10 && ordinaryCopies.count == 10)
    }

    @Test func aChangedCopyLeavesTheInternedNameAlone() {
        let interner = ByteInterner()
        let name = "example.com/m/pkg.TestDeviceManagerReassignsTheHandler"
        var copy = intern(name, in: interner)
        copy += "/subtest"
        #expect(intern(name, in: interner) == name)
        #expect(copy == name + "/subtest")
    }

    @Test func namesInTheOrderOfLastTimeAndOutOfItAreTheSameNames() {
        let interner = ByteInterner(capacity: 16)
        // Enough names to grow the table several times while successors are being learnt.
        let names = (0..<3_000).map { "example.com/pkg\($0 % 7).TestNumber\($0)" }
        func name(_ text: String) -> InternedName {
            Array(text.utf8).withUnsafeBufferPointer { interner.name(ByteLine(base: $0.baseAddress!, count: $0.count)) }
        }
        let first = names.map(name)
        // Again in the same order (predicted), then reversed and interleaved (mispredicted).
        let again = names.map(name)
        let reversed = names.reversed().map(name)
        let skipping = stride(from: 0, to: names.count, by: 3).map { name(names[$0]) }
        #expect(interner.count == names.count)
        #expect(first.map(\.string) == names && again == first && reversed == Array(first.reversed()))
        #expect(skipping == stride(from: 0, to: names.count, by: 3).map { first[$0] })
    }

    @Test func shortNamesAndLiteralsAreLeftAsTheyAre() {
        var small = "TestA", literal = "a literal long enough not to be stored inline in the string"
        #expect(ImmortalStrings.outlivesEveryone(&small) && ImmortalStrings.outlivesEveryone(&literal))
        #expect(small == "TestA" && literal == "a literal long enough not to be stored inline in the string")
    }
}

@_silgen_name("swift_retainCount")
private func retainCount(_ object: UnsafeMutableRawPointer) -> Int
