/// Values kept under hash keys, a few per key (the oldest goes first when a key's bucket is
/// full) and a bounded number in all: how a worker's memos keep what they have read.
struct BoundedBuckets<Value> {
    /// Values kept in all before `isFull`, and per key.
    let limit: Int, perKey: Int
    private(set) var count = 0
    private var buckets: [HashValueKey: [Value]] = [:]

    init(limit: Int, perKey: Int) {
        self.limit = limit
        self.perKey = perKey
    }

    /// The values under `key`, oldest first.
    subscript(key: UInt64) -> [Value]? { buckets[HashValueKey(key)] }

    /// The owner empties the buckets (and what it keeps beside them) before the next insert.
    var isFull: Bool { count >= limit }

    mutating func insert(_ value: Value, for key: UInt64) {
        // Taken out while it changes: a copy left in the table would make the append copy it.
        var values = buckets.removeValue(forKey: HashValueKey(key)) ?? []
        if values.count >= perKey {
            values.removeFirst()
        } else {
            count += 1
        }
        values.append(value)
        buckets[HashValueKey(key)] = values
    }

    mutating func removeAll() {
        buckets.removeAll(keepingCapacity: true)
        count = 0
    }
}
