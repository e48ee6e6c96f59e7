import Foundation

/// Interval and test statistics for "k of n runs" rates.
public enum Proportions {
    /// z for a two-sided 95% interval.
    public static let z95 = 1.959963984540054

    /// Wilson score interval: well-behaved at 0/n and n/n, unlike the normal approximation.
    public static func wilson(_ successes: Int, _ trials: Int, z: Double = z95) -> ClosedRange<Double> {
        guard trials > 0 else { return 0...1 }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // Exact ends where the data pins them; float rounding would leave 1e-17 instead of 0.
        let lower = successes == 0 ? 0 : max(0, center - half)
        let upper = successes == trials ? 1 : min(1, center + half)
        return lower...upper
    }

    /// Two-sided Fisher exact test for the 2×2 table [[a, b], [c, d]]
    /// (a of a+b runs on one architecture against c of c+d on another).
    /// Sums the probabilities of every table with the same margins that is no more likely
    /// than the observed one.
    public static func fisherExactTwoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let row1 = a + b, col1 = a + c, total = a + b + c + d
        guard total > 0 else { return 1 }
        let lowest = max(0, col1 - (total - row1)), highest = min(row1, col1)
        func logProbability(_ x: Int) -> Double {
            logChoose(row1, x) + logChoose(total - row1, col1 - x) - logChoose(total, col1)
        }
        let observed = logProbability(a)
        // Relative tolerance, as R's fisher.test, so ties in exact arithmetic stay ties.
        let threshold = observed + log1p(1e-7)
        var p = 0.0
        for x in lowest...highest where logProbability(x) <= threshold {
            p += exp(logProbability(x))
        }
        return min(1, p)
    }

    /// Runs needed to see an event of probability `rate` at least once with `confidence`.
    public static func runsToObserve(rate: Double, confidence: Double = 0.95) -> Int? {
        guard rate > 0 else { return nil }
        guard rate < 1 else { return 1 }
        return Int((log(1 - confidence) / log(1 - rate)).rounded(.up))
    }

    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
