import Foundation

/// The ISO-8601 UTC timestamp GitHub Actions puts on every log line
/// (`2024-05-01T12:34:56.1234567Z `): the first one is when the job's log began.
enum GitHubActionsTimestamp {
    static func parse(_ line: ByteLine) -> Date? {
        guard line.count >= 20, line[4] == 0x2D, line[7] == 0x2D, line[10] == 0x54, line[13] == 0x3A, line[16] == 0x3A
        else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for i in from..<(from + length) {
                guard line[i].isASCIIDigit else { return nil }
                value = value * 10 + Int(line[i] - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19, fraction = 0.0, scale = 0.1
        if line[i] == 0x2E {
            i += 1
            while i < line.count, line[i].isASCIIDigit {
                fraction += Double(line[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        guard i < line.count, line[i] == 0x5A else { return nil }  // Z: UTC
        let days = daysFromCivil(year, month, day)
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
