import Testing
@testable import FlakeCore

@Suite struct ProportionsTests {
    @Test func wilsonMatchesTheSeedNumbers() {
        let s390x = Proportions.wilson(9, 50)
        #expect(abs(s390x.lowerBound - 0.0977) < 0.0005)
        #expect(abs(s390x.upperBound - 0.3080) < 0.0005)
        let amd64 = Proportions.wilson(2, 50)
        #expect(abs(amd64.lowerBound - 0.0110) < 0.0005)
        #expect(abs(amd64.upperBound - 0.1346) < 0.0005)
    }

    @Test func wilsonAtTheEdges() {
        #expect(Proportions.wilson(0, 50).lowerBound == 0)
        #expect(abs(Proportions.wilson(50, 50).upperBound - 1) < 1e-12)
        #expect(Proportions.wilson(0, 0) == 0...1)
    }

    @Test func fisherMatchesTheSeedNumbers() {
        // 9/50 on s390x against 2/50 on amd64: two-sided p ≈ 0.051.
        let p = Proportions.fisherExactTwoSided(9, 41, 2, 48)
        #expect(abs(p - 0.0514) < 0.001)
        #expect(Proportions.fisherExactTwoSided(5, 5, 5, 5) == 1)
        // Symmetric in the order of the architectures.
        #expect(abs(Proportions.fisherExactTwoSided(2, 48, 9, 41) - p) < 1e-12)
    }

    @Test func runsToObserveOnce() {
        #expect(Proportions.runsToObserve(rate: 0.04) == 74)
        #expect(Proportions.runsToObserve(rate: 0.18) == 16)
        #expect(Proportions.runsToObserve(rate: 0) == nil)
    }
}
