/// Makes an interned string's storage immortal, so that copying the string no longer touches
/// its reference count. Interned names are copied into every test result, frame and group, on
/// the worker that parsed them and again on the folding thread; each copy was an atomic
/// increment on a count both threads share, and the cache line went back and forth between the
/// cores. Interned strings live as long as the analysis anyway, so never freeing them costs
/// nothing that was not held already. (A process that analyses many times keeps every
/// analysis's names: flaketui analyses once; the test suite keeps the names of its small fixtures.)
enum ImmortalStrings {
    /// Where a native string's UTF-8 starts from its storage object (object header and the
    /// storage's capacity and count words).
    private static let nativeBias = 32

    /// Immortalizes `string`'s storage when it has one that it owns (native, heap-allocated,
    /// not already immortal), and says whether the string can now never be freed: it has no
    /// storage (small strings live inline), its storage is immortal (literals), or it was made
    /// so. The storage is found from the string's bits and only used when the string's own UTF-8
    /// pointer confirms it: a layout this does not know is left alone (and false is returned).
    static func outlivesEveryone(_ string: inout String) -> Bool {
        let object = unsafeBitCast(string, to: (UInt64, UInt64).self).1
        // Top bit: immortal (a literal, or a small string, which has no storage at all).
        if object >> 63 == 1 { return true }
        // Top nibble 0: a large, native, mortal string whose object bits are its storage.
        guard object >> 60 == 0, object != 0 else { return false }
        let start = string.utf8.withContiguousStorageIfAvailable { UInt64(UInt(bitPattern: $0.baseAddress)) }
        guard let start, start == object + UInt64(nativeBias) else { return false }
        _swift_stdlib_immortalize(UnsafeMutableRawPointer(bitPattern: UInt(object))!)
        return true
    }
}

/// The Swift runtime's own entry point for objects that must never be freed (it is how the
/// standard library's static objects are made).
@_silgen_name("_swift_stdlib_immortalize")
private func _swift_stdlib_immortalize(_ object: UnsafeMutableRawPointer)
