import Foundation

/// How rates, intervals and p-values read everywhere (report, TUI, exports).
public enum RateFormatting {
    /// `18%`, `4%`, `0.5%`.
    public static func percent(_ value: Double) -> String {
        let p = value * 100
        if p == 0 || p >= 10 || p.rounded() == p { return fixed(p, decimals: 0) + "%" }
        return fixed(p, decimals: 1) + "%"
    }

    /// `9.8–30.8%`.
    public static func interval(_ range: ClosedRange<Double>) -> String {
        fixed(range.lowerBound * 100, decimals: 1) + "–" + fixed(range.upperBound * 100, decimals: 1) + "%"
    }

    /// `9/50 (18%, 95% CI 9.8–30.8%)`.
    public static func rateWithInterval(_ rate: ArchRate) -> String {
        "\(rate.occurrences)/\(rate.runs) (\(percent(rate.rate)), 95% CI \(interval(rate.ci95)))"
    }

    /// `p = 0.051`, `p < 0.001`.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = " + fixed(p, decimals: 3)
    }

    /// `value` with `decimals` (0 to 3) digits after the point, as `%.Nf` writes it. `String(format:)`
    /// cost 40,000 instructions a call (a report formats thousands); this is integer arithmetic,
    /// and hands the rare value within rounding error of a tie to `String(format:)`, which
    /// rounds the exact binary value.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = [1.0, 10, 100, 1000][decimals]
        let scaled = value * scale
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        guard value.sign == .plus, scaled < 1e15, abs(fraction - 0.5) > 1e-6 else {
            return String(format: "%.\(decimals)f", value)
        }
        let units = Int(whole) + (fraction > 0.5 ? 1 : 0)
        guard decimals > 0 else { return String(units) }
        let divisor = [1, 10, 100, 1000][decimals]
        let decimalPart = String(units % divisor)
        return String(units / divisor) + "." + String(repeating: "0", count: decimals - decimalPart.count) + decimalPart
    }
}
