import Foundation

/// How rates, intervals and p-values read everywhere (report, TUI, exports).
public enum RateFormatting {
    /// `18%`, `4%`, `0.5%`.
    public static func percent(_ value: Double) -> String {
        let p = value * 100
        if p == 0 || p >= 10 || p.rounded() == p { return String(format: "%.0f%%", p) }
        return String(format: "%.1f%%", p)
    }

    /// `9.8–30.8%`.
    public static func interval(_ range: ClosedRange<Double>) -> String {
        String(format: "%.1f–%.1f%%", range.lowerBound * 100, range.upperBound * 100)
    }

    /// `9/50 (18%, 95% CI 9.8–30.8%)`.
    public static func rateWithInterval(_ rate: ArchRate) -> String {
        "\(rate.occurrences)/\(rate.runs) (\(percent(rate.rate)), 95% CI \(interval(rate.ci95)))"
    }

    /// `p = 0.051`, `p < 0.001`.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
    }
}
