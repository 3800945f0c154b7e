import ParallaxCore

/// GStreamer's `last-message` text for a buffer, printed by fakesrc, fakesink and identity with
/// `silent=false`.
///
/// ```
/// chain   ******* (fakesink:sink) (20 bytes, dts: none, pts: 0:00:00.040000000, duration: none, offset: 0,
///     offset_end: -1, flags: 00000040 discont , meta: none)
/// ```
/// (one line). Flags are printed with GStreamer's bit values and names, `none` stands for an unset time
/// and `-1` for an unset offset, exactly as GStreamer writes them. GStreamer names the element instance
/// (`fakesink0`) and appends the buffer's address; an element does not know its instance name, so the
/// factory name stands in, and no address is printed.
/// Thread: pure functions, called on the element's streaming thread.
package enum BufferMessage {
    /// The message for a buffer seen by a sink or transform (`action` is `chain`).
    package static func chain(_ action: String, element: String, pad: String, length: Int,
                              metadata: BufferMetadata) -> String {
        "\(action)   ******* (\(element):\(pad)) (\(length) bytes, dts: \(time(metadata.dts)), "
            + "pts: \(time(metadata.pts)), duration: \(time(metadata.duration)), offset: \(offset(metadata.offset)), "
            + "offset_end: \(offset(metadata.offsetEnd)), flags: \(flags(metadata.flags)), meta: none)"
    }

    /// The message for a buffer a source made (`create`), with GStreamer's spacing (`pts:none`).
    package static func create(element: String, pad: String, length: Int, metadata: BufferMetadata) -> String {
        "create   ******* (\(element):\(pad)) (\(length) bytes, dts: \(time(metadata.dts)), "
            + "pts:\(time(metadata.pts)), duration: \(time(metadata.duration)), offset: \(offset(metadata.offset)), "
            + "offset_end: \(offset(metadata.offsetEnd)), flags: \(flags(metadata.flags)))"
    }

    /// `H:MM:SS.nnnnnnnnn`, or `none`.
    package static func time(_ value: ClockTime?) -> String { value.map(\.description) ?? "none" }

    /// The offset as a signed number; unset is `-1` as GStreamer prints `GST_BUFFER_OFFSET_NONE`.
    package static func offset(_ value: UInt64?) -> String { value.map { String(Int64(bitPattern: $0)) } ?? "-1" }

    /// `%08x` of GStreamer's flag bits, then each flag name followed by a space.
    package static func flags(_ flags: BufferFlags) -> String {
        let table: [(BufferFlags, UInt32, String)] = [
            (.live, 0x10, "live"), (.decodeOnly, 0x20, "decode-only"), (.discont, 0x40, "discont"),
            (.resync, 0x80, "resync"), (.corrupted, 0x100, "corrupted"), (.marker, 0x200, "marker"),
            (.header, 0x400, "header"), (.gap, 0x800, "gap"), (.droppable, 0x1000, "droppable"),
            (.deltaUnit, 0x2000, "delta-unit"),
        ]
        var bits: UInt32 = 0
        var names = ""
        for (flag, value, name) in table where flags.contains(flag) {
            bits |= value
            names += name + " "
        }
        let hex = String(bits, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex + " " + names
    }
}
