import FlakeCore

/// Human titles for groups: for a race, the two in-project functions that raced.
public enum GroupTitles {
    /// The core's title without the kind it repeats: `initHandler ↔ setupController` for a race
    /// (the kind has its own column).
    public static func readableTitle(of group: FlakeGroup) -> String {
        for prefix in ["data race: ", "data race in "] where group.title.hasPrefix(prefix) {
            return group.title.dropFirst(prefix.count).components(separatedBy: " ↔ ").map(withoutPackage)
                .joined(separator: " ↔ ")
        }
        return group.title
    }

    /// `initHandler` for `devicemanager.initHandler`: the package is on the detail screen.
    static func withoutPackage(_ function: String) -> String {
        guard let dot = function.firstIndex(of: "."), !function[..<dot].contains(where: { " ()*[".contains($0) }) else {
            return function
        }
        return String(function[function.index(after: dot)...])
    }

    /// Short kind label for list rows.
    public static func kindLabel(_ kind: GroupKind) -> String {
        switch kind {
        case .race: "race"
        case .failure: "fail"
        case .panic: "panic"
        case .timeout: "timeout"
        case .build: "build"
        }
    }

    public static func kindStyle(_ kind: GroupKind) -> CellStyle {
        switch kind {
        case .race, .panic: .bad
        case .failure, .timeout: .warn
        case .build: .dim
        }
    }

    /// `9/50 18%`.
    public static func compactRate(_ rate: ArchRate) -> String {
        "\(rate.occurrences)/\(rate.runs) \(percent(rate.rate))"
    }

    /// `[10–31%]`.
    public static func interval(_ rate: ArchRate) -> String {
        "[\(Int((rate.ci95.lowerBound * 100).rounded()))–\(percent(rate.ci95.upperBound))]"
    }

    public static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    public static func rateStyle(_ rate: Double) -> CellStyle {
        rate >= 0.10 ? .bad : rate > 0 ? .warn : .dim
    }

    /// `0.0003`, `<0.0001` or `0.42`.
    public static func pValue(_ p: Double) -> String {
        if p < 0.0001 { return "<0.0001" }
        if p < 0.01 { return String(Int((p * 10000).rounded())).leftPadded(4, "0").withPrefix("0.") }
        let hundredths = Int((p * 100).rounded())
        return hundredths >= 100 ? "1.00" : "0." + String(hundredths).leftPadded(2, "0")
    }
}

extension String {
    func leftPadded(_ count: Int, _ pad: Character) -> String {
        self.count >= count ? self : String(repeating: pad, count: count - self.count) + self
    }

    func withPrefix(_ prefix: String) -> String { prefix + self }
}
