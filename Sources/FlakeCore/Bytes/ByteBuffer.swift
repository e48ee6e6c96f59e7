/// Bytes rebuilt over and over in one place (a test2json event's unescaped output, line after
/// line). Emptying is setting a count and appending is a copy: with `[UInt8]`, both went through
/// a generic range replacement, 80 to 90 instructions an event each.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// Valid until the next change.
    var bytes: ByteLine { ByteLine(base: base, count: count) }

    func removeAll() { count = 0 }

    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafePointer<UInt8>, count extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
        (base + count).update(from: bytes, count: extra)
        count += extra
    }

    private func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = size
    }
}
