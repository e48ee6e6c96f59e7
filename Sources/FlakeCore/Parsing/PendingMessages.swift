/// Messages of tests whose result has not come yet, as bytes in one buffer with an entry per
/// message. A message became a `String` only when its test's result wants it: a lane's log has
/// a message for one test in five, and each made a string, an array and a table entry as it
/// came, most of them for tests that then passed and whose messages nothing reads.
struct PendingMessages {
    private struct Entry {
        let test: InternedName
        var start: Int
        var count: Int
    }

    private let bytes = ByteBuffer(capacity: 256)
    /// In the order the messages came; a test's messages are its entries in this order.
    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    func count(of test: InternedName) -> Int {
        var count = 0
        for entry in entries where entry.test == test { count += 1 }
        return count
    }

    mutating func append(_ message: ByteLine, test: InternedName) {
        entries.append(Entry(test: test, start: bytes.count, count: message.count))
        bytes.append(message.base, count: message.count)
    }

    /// Adds a newline and `text` to the test's last message, unless that message has reached
    /// 2,000 characters; false when the test has no message waiting.
    mutating func continueLast(of test: InternedName, with text: ByteLine) -> Bool {
        guard let last = entries.lastIndex(where: { $0.test == test }) else { return false }
        let entry = entries[last]
        // Characters, as a string counts them: never more than the bytes.
        if entry.count >= 2000, String(decoding: UnsafeBufferPointer(start: bytes.base + entry.start, count: entry.count), as: UTF8.self).count >= 2000 {
            return true
        }
        if entry.start + entry.count != bytes.count {
            // Another message came after it: it moves to the end to grow (through a copy: the
            // buffer may move as it grows).
            let copy = Array(UnsafeBufferPointer(start: bytes.base + entry.start, count: entry.count))
            entries[last].start = bytes.count
            copy.withUnsafeBufferPointer { bytes.append($0.baseAddress!, count: $0.count) }
        }
        var newline: UInt8 = 0x0A
        bytes.append(&newline, count: 1)
        bytes.append(text.base, count: text.count)
        entries[last].count += 1 + text.count
        return true
    }

    /// Removes the test's messages; returns them, in order, when `keep`.
    mutating func take(_ test: InternedName, keep: Bool) -> [String] {
        // Most often the one message waiting is this test's: no filtering pass, and an array
        // made at its size (the general path grew one from empty and rebuilt the entries).
        if entries.count == 1, entries[0].test == test {
            let taken = keep ? [Self.string(entries[0], in: bytes)] : []
            removeAll()
            return taken
        }
        var taken: [String] = []
        let bytes = self.bytes
        entries.removeAll { entry in
            guard entry.test == test else { return false }
            if keep { taken.append(Self.string(entry, in: bytes)) }
            return true
        }
        if entries.isEmpty { bytes.removeAll() }
        return taken
    }

    private static func string(_ entry: Entry, in bytes: ByteBuffer) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes.base + entry.start, count: entry.count), as: UTF8.self)
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        bytes.removeAll()
    }
}
