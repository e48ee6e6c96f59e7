import Foundation

/// Start times in reports: ISO-8601 UTC with milliseconds (`2026-11-25T13:01:02.123Z`), written
/// and read by hand because Foundation's formatters are neither cheap nor `Sendable`.
enum Timestamp {
    static func format(_ date: Date) -> String {
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (daysSinceEpoch, msOfDay) = floorDivide(millis, 86_400_000)
        let (y, m, d) = civil(fromDays: daysSinceEpoch)
        let h = msOfDay / 3_600_000, mi = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, ms = msOfDay % 1000
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let fraction = ms == 0 ? "" : "." + String(String(ms + 1000).dropFirst())
        return "\(String(format: "%04d", y))-\(two(m))-\(two(d))T\(two(h)):\(two(mi)):\(two(s))\(fraction)Z"
    }

    static func parse(_ text: String) -> Date? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return GitHubActionsTimestamp.parse(ByteLine(base: base, count: buffer.count))
        }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> (Int, Int) {
        let q = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (q, a - q * b)
    }

    /// Howard Hinnant's civil_from_days.
    private static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
