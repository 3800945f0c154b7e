#if AV1
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct AV1DecoderTests {
    static let input = try! Caps(
        parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=64,height=48,framerate=25/1")

    /// What decoding a list of temporal units gave.
    struct Decoded {
        var caps: Caps?
        var frames: [Buffer]
        var messages: [CapsStructure]
    }

    /// Pushes `units` (stamped 40 ms apart) through `decoder` after it read the first one ahead, then ends the
    /// stream; `flushAfter` sends flush-stop after that many units.
    private func decode(
        _ units: [[UInt8]], _ decoder: AV1Decoder = AV1Decoder(), readAhead: Bool = true, input: Caps = Self.input,
        flushAfter: Int? = nil
    ) throws -> Decoded {
        var decoder = decoder
        if readAhead { try decoder.discoverFormat(fromHeader: units[0]) }
        let harness = try ElementHarness(decoder, inputCaps: input)
        var frames: [Buffer] = []
        for (index, unit) in units.enumerated() {
            if index == flushAfter { try harness.pushEvent(.flushStop) }
            var buffer = Buffer(copying: unit)
            buffer.metadata.pts = .milliseconds(UInt64(index) * 40)
            #expect(try harness.push(buffer) == .dropped)
            frames += harness.pullAll()
        }
        try harness.pushEvent(.eos)
        frames += harness.pullAll()
        // The decoder's choice (`info`) is AV1DecoderChoiceTests' subject; these tests look at the errors.
        let messages = harness.postedMessages.filter { $0.name != "info" }
        try harness.finish()
        return Decoded(caps: harness.outputCaps, frames: frames, messages: messages)
    }

    /// Tight planes (`width × height` samples of `sampleSize` bytes) laid out as GStreamer lays out `format`.
    static func gstreamerLayout(_ tight: ArraySlice<UInt8>, _ info: VideoInfo, sampleSize: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: info.size)
        var at = tight.startIndex
        let sizes = [
            (info.width, info.height), ((info.width + 1) / 2, (info.height + 1) / 2),
            ((info.width + 1) / 2, (info.height + 1) / 2),
        ]
        for (plane, (width, rows)) in sizes.enumerated() {
            for row in 0..<rows {
                let target = info.offsets[plane] + row * info.strides[plane]
                out.replaceSubrange(target..<(target + width * sampleSize), with: tight[at..<(at + width * sampleSize)])
                at += width * sampleSize
            }
        }
        return out
    }

    @Test("decodes like ffmpeg's libdav1d, each picture with its input's timestamp", arguments: [1, 4])
    func decodesLikeFFmpeg(threads: Int) async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 10) else { return }
        var decoder = AV1Decoder()
        decoder.threads = threads
        let decoded = try decode(stream.units, decoder)
        #expect(decoded.caps == (try Caps(parsing: "video/x-raw,format=I420,width=64,height=48,framerate=25/1")))
        #expect(decoded.frames.count == 10)
        #expect(decoded.frames.flatMap(\.byteArray) == stream.reference)
        #expect(decoded.frames.map(\.metadata.pts) == (0..<10).map { .milliseconds(UInt64($0) * 40) })
        #expect(decoded.frames.map(\.metadata.duration) == Array(repeating: .milliseconds(40), count: 10))
        #expect(decoded.messages.isEmpty)
    }

    @Test func tenBitStreamsComeOutAsI420_10LEInGStreamerLayout() async throws {
        guard let stream = try await AV1TestStream.make(size: "66x50", frames: 4, pixelFormat: "yuv420p10le") else {
            return
        }
        let input = try Caps(
            parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=66,height=50,framerate=25/1")
        let decoded = try decode(stream.units, input: input)
        let info = VideoInfo(format: .i420_10le, width: 66, height: 50, framerate: Fraction(25, 1))
        #expect(info.strides == [132, 68, 68] && info.size == 132 * 50 + 2 * 68 * 25)
        #expect(decoded.caps == info.caps)
        let tightSize = stream.reference.count / 4
        #expect(decoded.frames.count == 4)
        for (index, frame) in decoded.frames.enumerated() {
            let tight = stream.reference[(index * tightSize)..<((index + 1) * tightSize)]
            #expect(frame.byteArray == Self.gstreamerLayout(tight, info, sampleSize: 2), "frame \(index)")
        }
    }

    @Test func readsTheFormatAheadOrFromTheCaps() async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 1, pixelFormat: "yuv444p") else {
            return
        }
        var decoder = AV1Decoder()
        #expect(
            throws: ElementError("av1dec: the stream is 8-bit, not 4:2:0; av1dec outputs 8-bit and 10-bit 4:2:0 only")
        ) { try decoder.discoverFormat(fromHeader: stream.units[0]) }
        // Bytes without a sequence header leave the format to the caps: bit-depth-luma, else an av1C record.
        try decoder.discoverFormat(fromHeader: [0x12, 0x00])
        let tenBit = try Caps(
            parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=64,height=48,bit-depth-luma=10")
        #expect(
            decoder.transformCaps(tenBit, from: .sink)
                == (try Caps(parsing: "video/x-raw,format=I420_10LE,width=64,height=48,framerate=[0/1,2147483647/1]")))
        let av1C = try Caps(parsing: "video/x-av1,width=64,height=48,framerate=25/1,codec_data=(string)81084c00")
        #expect(
            decoder.transformCaps(av1C, from: .sink)
                == (try Caps(parsing: "video/x-raw,format=I420_10LE,width=64,height=48,framerate=25/1")))
        #expect(
            decoder.transformCaps(Self.input, from: .sink)
                == (try Caps(parsing: "video/x-raw,format={I420,I420_10LE},width=64,height=48,framerate=25/1")))
    }

    @Test func readsTheSequenceHeaderFromTheStartOfALargeFirstUnit() async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 1, pixelFormat: "yuv420p10le") else {
            return
        }
        // What the pipeline peeks of a large keyframe: the sequence header, then a frame OBU cut short.
        let unit = stream.units[0]
        for length in [40, unit.count - 1] where length <= unit.count {
            var decoder = AV1Decoder()
            try decoder.discoverFormat(fromHeader: Array(unit.prefix(length)))
            #expect(
                decoder.transformCaps(Self.input, from: .sink)
                    == (try Caps(parsing: "video/x-raw,format=I420_10LE,width=64,height=48,framerate=25/1")),
                "\(length) bytes")
        }
    }

    @Test func aStreamUnlikeTheNegotiatedFormatFailsSayingSo() async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 2, pixelFormat: "yuv420p10le") else {
            return
        }
        #expect(
            throws: ElementError(
                "av1dec: frame 0 is 64×48 10-bit, but 64×48 I420 was negotiated (the sequence header was not read before negotiation: only a filesrc, directly or through ivfparse and queues, can be read ahead)"
            )
        ) { try decode(stream.units, readAhead: false) }
    }

    /// A temporal unit whose sequence header names profile 7, which does not exist.
    static let badUnit: [UInt8] = [0x12, 0x00, 0x0A, 0x03, 0xE0, 0x00, 0x00]

    @Test func undecodableUnitsAreReportedByFrameAndAStreamWithoutPicturesFails() throws {
        do {
            _ = try decode(Array(repeating: Self.badUnit, count: 3))
            Issue.record("expected an error")
            return
        } catch let error as ElementError {
            #expect(
                error
                    == ElementError(
                        "av1dec: the stream ended without a decodable frame (could not decode frame 0 (invalid data: Error parsing OBU data))"
                    ))
        }
        var decoder = AV1Decoder()
        decoder.maxErrors = 0
        #expect(
            throws: ElementError(
                "av1dec: could not decode frame 0 (invalid data: Error parsing OBU data); 1 frames in a row failed, more than max-errors=0"
            )
        ) { try decode([Self.badUnit], decoder, readAhead: false) }
    }

    @Test func decodingResumesAtTheNextKeyframe() async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 12, keyframeInterval: 6) else { return }
        var units = stream.units
        units[2] = Array(units[2].prefix(units[2].count / 2))
        units[3] = Self.badUnit
        let decoded = try decode(units)
        let frameSize = 64 * 48 * 3 / 2
        #expect(Array(decoded.messages.prefix(2).map { $0.int("frame") }) == [2, 3], "\(decoded.messages)")
        #expect(
            decoded.messages.first?.string("message")
                == "av1dec: could not decode frame 2 (invalid data: Error parsing OBU data)")
        let tail = Array(decoded.frames.suffix(6))
        #expect(tail.flatMap(\.byteArray) == Array(stream.reference.suffix(6 * frameSize)))
        #expect(tail.map(\.metadata.pts) == (6..<12).map { .milliseconds(UInt64($0) * 40) })
    }

    @Test func flushStopDropsWhatIsInFlight() async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 6) else { return }
        var decoder = AV1Decoder()
        decoder.threads = 1
        decoder.maxFrameDelay = 1
        let decoded = try decode(Array(stream.units[0..<3]) + stream.units, decoder, flushAfter: 3)
        #expect(decoded.frames.count == 9)
        #expect(decoded.frames.suffix(6).flatMap(\.byteArray) == stream.reference)
    }

    @Test func damagedStreamsDecodeOrFailCleanly() async throws {
        guard let stream = try await AV1TestStream.make(size: "64x48", frames: 6, keyframeInterval: 3) else { return }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed LCG: the same 60 damaged streams on every run
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var failed = 0
        for round in 0..<60 {
            var units = stream.units
            let unit = next(units.count)
            if round % 3 == 0 {
                units[unit] = Array(units[unit].prefix(next(units[unit].count + 1)))
            } else {
                for _ in 0..<(1 + next(8)) where !units[unit].isEmpty {
                    units[unit][next(units[unit].count)] ^= UInt8(1 + next(255))
                }
            }
            var decoder = AV1Decoder()
            decoder.threads = round % 2 + 1
            do {
                let decoded = try decode(units, decoder)
                #expect(decoded.frames.count <= 6)
                #expect(decoded.frames.allSatisfy { $0.byteArray.count == 64 * 48 * 3 / 2 })
            } catch let error as ElementError {
                failed += 1
                #expect(error.message.hasPrefix("av1dec: "), "\(error)")
            }
        }
        #expect(failed < 60)
    }
}
#endif  // AV1
