import ParallaxCore

/// Text taken out of a description after removing quotes and backslash escapes, with a map from each of
/// its UTF-8 bytes back to the description, so an error inside it (a caps parse error at byte 7) can be
/// underlined at the right place in the description.
///
/// ```
/// description:  fakesrc ! "video/x-raw, format=\"I420\"" ! fakesink
/// text:                    video/x-raw, format="I420"
/// offsets[i]:   the description byte each text byte came from; offsets[count] = where the text ended
/// ```
/// Pure value type.
struct MappedText: Sendable, Hashable {
    /// The UTF-8 bytes of the text.
    private(set) var bytes: [UInt8] = []
    /// `offsets[i]` is the description byte of `bytes[i]`; one extra entry marks the end.
    private(set) var offsets: [Int] = []
    /// Where the text starts in the description (after an opening quote).
    let start: Int
    /// Where the text ends in the description (the byte after its last character, or a closing quote).
    private(set) var end: Int

    /// Empty text that starts (and ends) at description byte `start`.
    init(start: Int) {
        self.start = start
        end = start
    }

    /// The text as a string.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether no byte was appended.
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends `byte`, which sits at description byte `offset`.
    mutating func append(_ byte: UInt8, from offset: Int) {
        bytes.append(byte)
        offsets.append(offset)
        end = offset + 1
    }

    /// Marks where the text ends in the description (past a closing quote, say).
    mutating func close(at offset: Int) {
        end = offset
    }

    /// Drops trailing spaces, tabs and line breaks.
    mutating func trimTrailingWhitespace() {
        while let last = bytes.last, LaunchLexer.isSpace(last) {
            bytes.removeLast()
            offsets.removeLast()
            end = offsets.last.map { $0 + 1 } ?? start
        }
    }

    /// The description span for text bytes `offset ..< offset + length` (clamped to the text).
    ///
    /// A zero-length range maps to a zero-length span; a range at the end of the text maps to the end.
    func span(offset: Int, length: Int) -> SourceSpan {
        let first = Swift.min(Swift.max(offset, 0), bytes.count)
        let last = Swift.min(first + Swift.max(length, 0), bytes.count)
        let from = first < bytes.count ? offsets[first] : end
        guard last > first else { return SourceSpan(start: from, length: 0) }
        let stop = offsets[last - 1] + 1
        return SourceSpan(start: from, length: Swift.max(stop - from, 1))
    }
}
