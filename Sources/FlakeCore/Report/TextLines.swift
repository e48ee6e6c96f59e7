/// Report text gathered as UTF-8 bytes and made a `String` once. Appending each line to one
/// `String` cost over 400 instructions a line (capacity and encoding checks on every append),
/// most of the time it took to print a report of a thousand groups.
final class TextLines {
    private let buffer = ByteBuffer(capacity: 1 << 16)

    func put(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if let base = utf8.baseAddress { buffer.append(base, count: utf8.count) }
        }
    }

    func put(_ number: Int) {
        put(String(number))
    }

    func put(_ texts: [String], separator: String) {
        for (index, text) in texts.enumerated() {
            if index > 0 { put(separator) }
            put(text)
        }
    }

    /// `text` with every line after its first indented by `width` spaces.
    func put(_ text: String, continuationIndent width: Int) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte == 0x0A {
                buffer.append(utf8.baseAddress! + start, count: index + 1 - start)
                for _ in 0..<width { buffer.append(0x20) }
                start = index + 1
            }
            if start < utf8.count { buffer.append(utf8.baseAddress! + start, count: utf8.count - start) }
        }
    }

    func endLine() {
        buffer.append(0x0A)
    }

    func line(_ text: String = "") {
        put(text)
        endLine()
    }

    var text: String {
        String(decoding: UnsafeBufferPointer(start: buffer.base, count: buffer.count), as: UTF8.self)
    }

    /// The bytes as they are, for output (a `String` would check all of them again).
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count))
    }
}
