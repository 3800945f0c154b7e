import ParallaxCore

/// GStreamer's `gst_util_dump_mem` format: the `dump=true` output of fakesrc, fakesink and identity.
///
/// ```
/// 00000000 (0x7fbc140040a0): 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................
/// 00000010 (0x7fbc140040b0): 10 11 12 13                                      ....
/// ```
/// Each line holds 16 bytes: the offset, the address, the bytes in hex padded to 48 columns, and the
/// printable ASCII characters (others as `.`) padded to 16 columns.
/// Thread: pure functions; elements call `write` on their streaming thread.
package enum HexDump {
    /// The dump of `bytes` as text, one line per 16 bytes, each ending in a newline.
    package static func format(_ bytes: UnsafeRawBufferPointer) -> String {
        var text = ""
        var offset = 0
        while offset < bytes.count {
            let end = Swift.min(offset + 16, bytes.count)
            var hex = ""
            var chars = ""
            for i in offset..<end {
                let byte = bytes[i]
                hex += hexByte(byte) + " "
                chars.append(byte >= 0x20 && byte <= 0x7E ? Character(Unicode.Scalar(byte)) : ".")
            }
            let address = bytes.baseAddress.map { UInt(bitPattern: $0 + offset) } ?? 0
            text += String(repeating: "0", count: 8 - String(offset, radix: 16).count) + String(offset, radix: 16)
            text += " (0x" + String(address, radix: 16) + "): "
            text += hex.padding(to: 48) + " " + chars.padding(to: 16) + "\n"
            offset = end
        }
        return text
    }

    /// Prints the dump of `buffer`'s bytes to standard output.
    package static func write(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        print(format(bytes), terminator: "")
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

extension String {
    /// The string cut or padded with spaces to exactly `width` characters (printf's `%-W.Ws`).
    fileprivate func padding(to width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}
