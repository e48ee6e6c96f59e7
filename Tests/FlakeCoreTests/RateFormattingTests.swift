import Foundation
import Testing
@testable import FlakeCore

/// Rates are formatted without `String(format:)`, which stays the oracle: every rate, interval
/// and p-value the report can show reads as `%.Nf` would write it.
@Suite struct RateFormattingTests {
    @Test func ratesAndIntervalsMatchPrintf() {
        for runs in 1...300 {
            for occurrences in 0...runs {
                let rate = Double(occurrences) / Double(runs)
                let p = rate * 100
                #expect(RateFormatting.fixed(p, decimals: 0) == String(format: "%.0f", p))
                #expect(RateFormatting.fixed(p, decimals: 1) == String(format: "%.1f", p))
                let ci = Proportions.wilson(occurrences, runs)
                #expect(RateFormatting.interval(ci) == String(format: "%.1f–%.1f%%", ci.lowerBound * 100, ci.upperBound * 100))
            }
        }
    }

    @Test func pValuesAndOtherNumbersMatchPrintf() {
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 0.0005, 0.0015, 0.9995, 12.25, 99.95, 1e14, 1e16]
        for a in 0...40 {
            for b in 0...40 { values.append(Proportions.fisherExactTwoSided(a, 40 - a, b, 40 - b)) }
        }
        var generator = SplitMix(state: 2026)
        for _ in 0..<20_000 { values.append(Double.random(in: 0..<1000, using: &generator)) }
        for value in values {
            for decimals in 0...3 {
                #expect(RateFormatting.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value)")
            }
        }
        #expect(RateFormatting.pValue(0.0512) == "p = 0.051")
        #expect(RateFormatting.percent(0.005) == "0.5%")
        #expect(RateFormatting.percent(0.18) == "18%")
    }

    /// Seeded, so that a failure repeats.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
