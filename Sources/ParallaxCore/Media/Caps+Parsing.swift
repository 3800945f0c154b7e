extension Caps {
    /// Parses a caps string written in GStreamer's syntax (`gst_caps_from_string`).
    ///
    /// Accepts `ANY`, `EMPTY` / `NONE`, and `;`-separated structures such as
    /// `video/x-raw(memory:DMABuf), format={ NV12, I420 }, width=(int)[ 16, 4096 ], framerate=30/1`.
    /// Values may carry a type annotation (`(int)`, `(double)`, `(string)`, `(boolean)`, `(fraction)` and the
    /// short forms `(i)`, `(d)`, `(s)`, `(b)`, ...); without one the type is inferred as GStreamer does:
    /// integer, then double (has `.` or an exponent), then fraction (`a/b`), then boolean
    /// (`true`/`false`/`yes`/`no`/`t`/`f`), else string. Quoted text is always a string. Arrays `< a, b >` are
    /// read as lists. Fractions are reduced (`60/2` becomes `30/1`) and a lone `memory:SystemMemory` feature
    /// is dropped, since it is the default.
    ///
    /// ```swift
    /// let caps = try Caps(parsing: "audio/x-raw, rate=[ 8000, 96000 ], channels={ 1, 2 }")
    /// caps.structures[0]["channels"]   // .list([.int(1), .int(2)])
    /// ```
    /// - Throws: `CapsParseError` naming the problem and its UTF-8 byte offset, e.g.
    ///   `expected '=' after field name 'width'` or `unterminated list (missing '}')`. An empty string is an
    ///   error (`empty caps string`), unlike GStreamer, which reads it as EMPTY.
    public init(parsing text: String) throws(CapsParseError) {
        var parser = CapsParser(text)
        self = try parser.parseCaps()
    }
}
