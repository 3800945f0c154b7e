import ParallaxCore

extension ElementCallContext {
    /// Runs `body` on one input frame and one output frame after checking both buffers hold a frame of their
    /// format, then sets the output length — the common part of `process` for videoflip, videocrop and videobox.
    ///
    /// ```swift
    /// try ctx.transformFrame("videoflip", from: inputInfo, to: outputInfo) { source, destination in … }
    /// ```
    /// Thread: the element's streaming thread.
    mutating func transformFrame(
        _ factory: String, from input: VideoInfo, to output: VideoInfo,
        _ body: (UnsafeRawPointer, UnsafeMutableRawPointer) -> Void
    ) throws(ElementError) {
        guard inputLength >= input.size, outputCapacity >= output.size else {
            throw ElementError(
                "\(factory) got a buffer too small for its format.",
                debug: "input \(inputLength) bytes, expected \(input.size)")
        }
        let source = withUnsafeInput { $0 }  // valid for the whole call
        withUnsafeOutput { destination in
            guard let from = source.baseAddress, let to = destination.baseAddress else { return }
            body(from, to)
        }
        outputLength = output.size
    }
}

extension VideoInfo {
    /// Decodes the fixed raw video caps on both sides of a filter that keeps the format, or throws
    /// `"<factory> cannot <verb> between these formats."`.
    static func sides(_ factory: String, _ verb: String, input: Caps?, output: Caps?) throws(ElementError) -> (
        VideoInfo, VideoInfo
    ) {
        guard let input, let output, let inInfo = VideoInfo(caps: input), let outInfo = VideoInfo(caps: output),
            inInfo.format == outInfo.format
        else {
            throw ElementError(
                "\(factory) cannot \(verb) between these formats.",
                debug: "input: \(input.map(\.description) ?? "none"), output: \(output.map(\.description) ?? "none")")
        }
        return (inInfo, outInfo)
    }
}
