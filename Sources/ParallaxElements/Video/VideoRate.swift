import ParallaxCore

/// `videorate`: drops or duplicates raw video frames to reach the frame rate downstream asks for, by the
/// frames' timestamps — GStreamer's videorate, with its algorithm, property names and defaults.
///
/// Output frame `n` has timestamp `base + n / rate` (`base` is the segment's start, or the first frame's
/// timestamp with `skip-to-first`). Each slot takes the input frame whose timestamp is nearest; a frame
/// nearest to no slot is dropped, one nearest to several is sent several times (a copy each time). At end of
/// stream the last frame is sent once more, into the next slot (or into every slot up to the segment's stop
/// when the segment has one). 30 frames at 30/1 give 11 frames at 10/1 (0 s to 1 s) and 58 at 60/1, as
/// GStreamer's.
/// ```
/// in  30/1:  0     33    67    100   133   167   200 ms
/// out 10/1:  0                 100               200 ms      (two of three dropped)
/// out 60/1:  0  17 33 50 67 83 100 …                         (each shown twice or so)
/// ```
/// ```
/// parallax-launch videotestsrc num-buffers=30 ! video/x-raw,framerate=30/1 ! videorate ! \
///     video/x-raw,framerate=10/1 ! fakesink
/// ```
/// Negotiation: the frame rate is free both ways (up to `max-rate` on the output); everything else passes
/// through. An output rate of 0/1 (variable) passes every frame with its own timestamp.
///
/// `drop-only` never duplicates; `max-rate` caps the output rate and implies `drop-only`. GStreamer's
/// read-only counters (`in`, `out`, `duplicate`, `drop`) are the Swift properties `inputFrames`,
/// `outputFrames`, `duplicatedFrames` and `droppedFrames` (Parallax properties are all writable, so they
/// are not in the descriptor). `average-period`, `max-duplication-time`, `rate` and `silent` are not
/// provided. Thread: `process` and `drain` run on the streaming thread of the element's segment.
public struct VideoRate: RawVideoFilter, SendsOwnOutputs {
    /// Any raw video.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same video at the output frame rate.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videorate", longName: "Video rate adjuster", klass: "Filter/Effect/Video",
        description: "Drops/duplicates/adjusts timestamps on video frames to make a perfect stream",
        properties: [
            .bool("drop-only", \.dropOnly, "Only drop frames, no duplicates are produced"),
            .int(
                "max-rate", \.maxRate, range: 1...Int64(Int32.max),
                "Maximum framerate allowed to pass through (in frames per second, implies drop-only)"),
            .bool("skip-to-first", \.skipToFirst, "Don't produce buffers before the first one we receive"),
        ])

    /// Whether frames are only dropped, never duplicated.
    public var dropOnly = false
    /// The highest output frame rate, in frames per second; unlimited (2³¹ − 1) by default.
    public var maxRate = Int(Int32.max)
    /// Whether output starts at the first frame rather than at the segment's start.
    public var skipToFirst = false

    /// Frames received.
    public private(set) var inputFrames: UInt64 = 0
    /// Frames sent, duplicates included.
    public private(set) var outputFrames: UInt64 = 0
    /// Extra copies sent.
    public private(set) var duplicatedFrames: UInt64 = 0
    /// Frames not sent.
    public private(set) var droppedFrames: UInt64 = 0

    private var frameSize = 0
    private var outputRate = Fraction(0, 1)
    private var segment = Segment()
    /// The frame waiting to be placed, and its timestamp.
    private var held: [UInt8] = []
    private var heldTime: ClockTime?
    private var base = ClockTime.zero
    private var next = ClockTime.zero
    private var slots: UInt64 = 0

    /// A videorate with GStreamer's defaults.
    public init() {}

    /// Whether frames are never duplicated (`drop-only`, or a `max-rate`).
    var onlyDrops: Bool { dropOnly || maxRate < Int(Int32.max) }

    /// The other side: the same video with the frame rate free (up to `max-rate` on the output).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return caps }
        let top = direction == .sink ? Fraction(maxRate, 1) : Fraction(Int(Int32.max), 1)
        var structures: [CapsStructure] = []
        for var structure in caps.intersection(Input.caps).structures {
            structure["framerate"] = .fractionRange(Fraction(0, 1)...top)
            if !structures.contains(structure) { structures.append(structure) }
        }
        return Caps(structures)
    }

    /// Keeps the input's frame rate when downstream leaves it open (capped at `max-rate`).
    public func fixate(_ caps: Caps, on direction: PadDirection, otherSide: Caps) -> Caps {
        guard let rate = otherSide.structures.first?.fraction("framerate") else { return caps.fixated() }
        var caps = caps
        caps.fixateField("framerate", nearestFraction: rate)
        return caps.fixated()
    }

    /// Takes the frame size and the output frame rate.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        let (inInfo, outInfo) = try VideoInfo.sides("videorate", "retime", input: input, output: output)
        guard inInfo.format == outInfo.format, inInfo.width == outInfo.width, inInfo.height == outInfo.height else {
            throw ElementError(
                "videorate changes only the frame rate, not \(inInfo.format.name) \(inInfo.width)×\(inInfo.height) into \(outInfo.format.name) \(outInfo.width)×\(outInfo.height)."
            )
        }
        frameSize = inInfo.size
        outputRate = outInfo.framerate
    }

    /// Resets the counters and forgets the held frame (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        (inputFrames, outputFrames, duplicatedFrames, droppedFrames) = (0, 0, 0, 0)
        heldTime = nil
        segment = Segment()
    }

    /// A new segment restarts the output timeline.
    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .segment(let segment) = event {
            self.segment = segment
            heldTime = nil
        }
        return .forward
    }

    /// Places the held frame into the slots it is nearest to, then holds this one.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard frameSize > 0 else { throw ElementError("videorate was not negotiated.") }
        guard ctx.inputLength == frameSize else {
            throw ElementError(
                "videorate: frame \(ctx.metadata.sequence) has \(ctx.inputLength) bytes, expected \(frameSize).")
        }
        inputFrames += 1
        guard let time = ctx.metadata.pts else {
            droppedFrames += 1
            return .dropped
        }
        if outputRate.numerator == 0 {
            let size = frameSize
            let input = ctx.withUnsafeInput { $0.baseAddress }
            ctx.withUnsafeOutput { output in
                guard let input, let destination = output.baseAddress, output.count >= size else { return }
                destination.copyMemory(from: input, byteCount: size)
            }
            ctx.outputLength = size
            outputFrames += 1
            return .ok
        }
        guard let previous = heldTime else {
            base = skipToFirst ? time : segment.start
            next = base
            slots = 0
            hold(&ctx, time)
            return .dropped
        }
        var count = 0
        var previousNearer: Bool
        repeat {
            let distanceHeld = Self.distance(previous, next), distanceNew = Self.distance(time, next)
            previousNearer = distanceHeld < distanceNew
            if distanceHeld <= distanceNew {
                count += 1
                guard try sendHeld(&ctx, duplicate: count > 1) == .ok else { return .eos }
            }
            if onlyDrops { break }
        } while previousNearer
        if count == 0 { droppedFrames += 1 }
        hold(&ctx, time)
        return .dropped
    }

    /// Sends the held frame once more at end of stream (into every slot up to the segment's stop if it has
    /// one).
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard heldTime != nil, outputRate.numerator != 0 else { return }
        var count = 0
        repeat {
            count += 1
            guard try sendHeld(&ctx, duplicate: count > 1) == .ok else { return }
        } while segment.stop.map { next < $0 } ?? false
        heldTime = nil
    }

    /// Copies the input frame into `held`.
    private mutating func hold(_ ctx: inout ProcessContext<Input, Output>, _ time: ClockTime) {
        if held.count != frameSize { held = Array(repeating: 0, count: frameSize) }
        held.withUnsafeMutableBytes { destination in
            ctx.withUnsafeInput { source in destination.copyMemory(from: source) }
        }
        heldTime = time
    }

    /// Sends a copy of the held frame into the next slot.
    private mutating func sendHeld(_ ctx: inout ProcessContext<Input, Output>, duplicate: Bool) throws(ElementError)
        -> FlowStatus
    {
        let start = next
        slots += 1
        next =
            base + ClockTime.scale(slots, 1_000_000_000 * UInt64(outputRate.denominator), UInt64(outputRate.numerator))
        var metadata = BufferMetadata(pts: start, duration: next - start, offset: slots - 1, offsetEnd: slots)
        if slots == 1 { metadata.flags.insert(.discont) }
        let frame = held
        let status = try ctx.emit(metadata: metadata) { output in
            let count = Swift.min(frame.count, output.count)
            frame.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                output.baseAddress?.copyMemory(from: base, byteCount: count)
            }
            return count
        }
        outputFrames += 1
        if duplicate { duplicatedFrames += 1 }
        return status
    }

    /// `|a − b|` in nanoseconds.
    static func distance(_ a: ClockTime, _ b: ClockTime) -> UInt64 {
        a > b ? a.nanoseconds - b.nanoseconds : b.nanoseconds - a.nanoseconds
    }
}
