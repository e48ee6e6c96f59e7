/// Numbers the distinct strings of a long sequence in which a few come again and again, mostly
/// as the very same string (every run's architecture): the string seen last is recognised by its
/// identity (`StringIdentityKey`), and only another one is hashed. Numbers follow first sight.
struct RepeatedStringNumbers {
    private(set) var strings: [String] = []
    private var numbers: [String: Int] = [:]
    /// Kept whole, so that its identity stays its own.
    private var last: (string: String, number: Int)?

    mutating func number(_ string: String) -> Int {
        if let last, StringIdentityKey(last.string) == StringIdentityKey(string) { return last.number }
        let number: Int
        if let known = numbers[string] {
            number = known
        } else {
            number = strings.count
            strings.append(string)
            numbers[string] = number
        }
        last = (string, number)
        return number
    }
}
