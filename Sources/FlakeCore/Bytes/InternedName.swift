/// A name held as its string's two words, for strings whose storage is never freed: the
/// interner's (made immortal), literals and small strings (which live in the words themselves).
/// Copying one, storing it in a test result and freeing the result touch no reference count.
/// On a lane's log, retaining and releasing immortal names (each call only to find the count
/// immortal) was an eighth of all the work.
///
/// Any string can be made one: a string that could be freed is made immortal first (or, when
/// its layout is not one this knows, a reference to it is kept forever), so a name is always
/// safe to turn back into a `String`. Names are meant for what repeats (packages, tests), not for text.
struct InternedName: Sendable, Equatable, Hashable, Codable {
    /// The string's count-and-flags word and its object word.
    private let words: (UInt64, UInt64)

    /// The empty string's words (a small string of no bytes), which every empty name holds.
    static let emptyWords: (UInt64, UInt64) = (0, 0xE000_0000_0000_0000)
    static let empty = InternedName(words: emptyWords)

    private init(words: (UInt64, UInt64)) {
        self.words = words
    }

    /// Any string: kept alive forever first, unless it already is.
    init(_ string: String) {
        if string.isEmpty {
            self = .empty
            return
        }
        var kept = string
        if !ImmortalStrings.outlivesEveryone(&kept) { KeptForever.keep(kept) }
        words = unsafeBitCast(kept, to: (UInt64, UInt64).self)
    }

    /// These bytes' name from `interner`, or made on its own when there is none (the tests and
    /// the fuzzer parse without one).
    init(_ bytes: ByteLine, interner: ByteInterner?) {
        self = interner?.name(bytes) ?? InternedName(bytes.string)
    }

    /// The string (no reference count changes: its storage is immortal).
    var string: String { unsafeBitCast(words, to: String.self) }

    var isEmpty: Bool { words == Self.emptyWords }

    /// All bits zero: no string's words, so a table can mark an unused slot with it.
    var isVacant: Bool { words.1 == 0 }

    /// The name's UTF-8, read in place: a small string's from a copy of its words, a large one's
    /// from its storage. A layout `StringLayout` does not vouch for goes through the string.
    @inline(__always) func withBytes<R>(_ body: (ByteLine) -> R) -> R {
        withBytes(layoutKnown: StringLayout.isKnown, body)
    }

    /// `withBytes`, with `StringLayout.isKnown` as the caller keeps it: reading the global on
    /// every compare of every result line cost as much as the compare.
    @inline(__always) func withBytes<R>(layoutKnown: Bool, _ body: (ByteLine) -> R) -> R {
        let (countAndFlags, object) = words
        if layoutKnown {
            if object & StringLayout.smallFlag != 0 {
                var copy = words
                let count = Int(truncatingIfNeeded: (object >> 56) & 0xF)
                return withUnsafeBytes(of: &copy) { raw in
                    body(ByteLine(base: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
                }
            }
            if object & StringLayout.foreignFlag == 0 {
                let start = UnsafePointer<UInt8>(bitPattern: UInt(truncatingIfNeeded: (object & StringLayout.addressMask) &+ StringLayout.nativeBias))!
                return body(ByteLine(base: start, count: Int(truncatingIfNeeded: countAndFlags & StringLayout.countMask)))
            }
        }
        return ByteLine.withBytes(of: string, body)
    }

    /// The same words are the same name (an interner's names); else the bytes decide (two
    /// workers' interners, or a name made from a string).
    @inline(__always) static func == (a: InternedName, b: InternedName) -> Bool {
        a.words == b.words || sameBytes(a, b)
    }

    @inline(never) private static func sameBytes(_ a: InternedName, _ b: InternedName) -> Bool {
        a.withBytes { a in b.withBytes { b in a.equals(b) } }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer(start: $0.base, count: $0.count)) }
    }

    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}

extension ByteLine {
    /// Whether these bytes are `name`'s: a `memcmp`, with no reference counting.
    /// `layoutKnown`: `StringLayout.isKnown`, kept by the caller.
    @inline(__always) func equals(_ name: InternedName, layoutKnown: Bool) -> Bool {
        name.withBytes(layoutKnown: layoutKnown) { equals($0) }
    }
}

/// Where a string's UTF-8 is, from its two words, on this platform's Swift (64-bit): checked
/// once against what the standard library itself says, so a layout this does not know is read
/// through the string instead.
enum StringLayout {
    /// In the object word: the string lives in its two words (count in bits 56–59).
    static let smallFlag: UInt64 = 1 << 61
    /// In the object word: the bytes are not in the string's own storage.
    static let foreignFlag: UInt64 = 1 << 60
    static let addressMask: UInt64 = 0x0FFF_FFFF_FFFF_FFFF
    static let countMask: UInt64 = 0x0000_FFFF_FFFF_FFFF
    /// Storage object header and the capacity and count words before a string's UTF-8.
    static let nativeBias: UInt64 = 32

    static let isKnown: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        guard unsafeBitCast("", to: (UInt64, UInt64).self) == InternedName.emptyWords else { return false }
        let samples = ["", "short", "fifteen bytes!!", "a longer string, on the heap", String(repeating: "é", count: 40), "literal that is long enough"]
        return samples.allSatisfy { sample in
            var copy = sample
            let words = unsafeBitCast(copy, to: (UInt64, UInt64).self)
            return copy.withUTF8 { actual in
                if words.1 & smallFlag != 0 {
                    guard Int((words.1 >> 56) & 0xF) == actual.count else { return false }
                    return withUnsafeBytes(of: words) { Array($0.prefix(actual.count)) == Array(actual) }
                }
                guard words.1 & foreignFlag == 0 else { return false }
                let start = (words.1 & addressMask) &+ nativeBias
                return start == UInt64(UInt(bitPattern: actual.baseAddress)) && Int(words.0 & countMask) == actual.count
            }
        }
    }()
}

/// Strings that must never be freed and that `ImmortalStrings` could not make immortal: one
/// reference each, held for the life of the process.
private enum KeptForever {
    static func keep(_ string: String) {
        UnsafeMutablePointer<String>.allocate(capacity: 1).initialize(to: string)
    }
}
