import Testing

@testable import FlakeCore

/// Keys that carry their own hash work as Dictionary and Set keys: equal hashes with different
/// contents stay apart, and each table's seed still changes where a key lands.
@Suite struct PrehashedKeyTests {
    private struct Probe: PrehashedKey {
        let prehash: UInt64
        let name: String
    }

    @Test func keysWithOneHashButDifferentContentsStayApart() {
        var table: [Probe: Int] = [:]
        for number in 0..<500 { table[Probe(prehash: 42, name: "test\(number)")] = number }
        #expect(table.count == 500)
        for number in 0..<500 { #expect(table[Probe(prehash: 42, name: "test\(number)")] == number) }
        #expect(table[Probe(prehash: 43, name: "test7")] == nil)
    }

    @Test func theTablesSeedIsMixedIn() {
        let key = HashedString("example.com/dmrace/devicemanager001.initHandler")
        let values = Set((0..<16).map { key._rawHashValue(seed: $0) })
        #expect(values.count == 16)
    }

    @Test func hashedStringsAndTestKeysFindWhatWasStored() {
        let names = (0..<2000).map { "TestDeviceController/case_\($0)" }
        let strings = Set(names.map(HashedString.init))
        let tests = Set(names.map { TestKey(package: "example.com/dmrace/devicemanager001", name: $0) })
        #expect(strings.count == 2000 && tests.count == 2000)
        #expect(names.allSatisfy { strings.contains(HashedString($0)) })
        #expect(!tests.contains(TestKey(package: "example.com/dmrace/other", name: names[0])))
    }
}
