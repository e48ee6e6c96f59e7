import Testing

@testable import FlakeCore

/// Architectures numbered for the analysis's tail: by first sight, and by text, whether a run's
/// name is the very string seen last, another string with the same text, or a small one.
@Suite struct RepeatedStringNumbersTests {
    @Test func numbersFollowFirstSightAndText() {
        // Heap strings with equal text but their own storage, and small strings.
        let s390x = String(repeating: "s390x-", count: 4), otherS390x = String(repeating: "s390x-", count: 4)
        let amd64 = "amd64", arm64 = String(repeating: "arm64-", count: 4)
        var numbers = RepeatedStringNumbers()
        let sequence = [s390x, s390x, otherS390x, amd64, s390x, arm64, arm64, amd64, otherS390x, "amd64"]
        #expect(sequence.map { numbers.number($0) } == [0, 0, 0, 1, 0, 2, 2, 1, 0, 1])
        #expect(numbers.strings == [s390x, amd64, arm64])
    }
}
