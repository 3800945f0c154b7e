#if AV1
import CDav1d
import Glibc
import ParallaxCore
import Synchronization

/// One open libdav1d decoder: temporal units in, pictures out, with each input's timing carried through
/// dav1d's data properties.
///
/// ```
/// queue(tu, frame: 0, pts:, duration:); feed() ──► dav1d (frame threads, up to max-frame-delay frames in flight)
/// nextPicture() ◄── pictures in output order, each with the pts, duration and frame number of its input
/// ```
/// Errors are returned, not thrown, with the number of the input frame dav1d blames
/// (`dav1d_get_decode_error_data_props`), so the element can decide whether the stream goes on.
/// Thread: the element's streaming thread only (the context is not shared).
final class Dav1dSession: @unchecked Sendable {  // Unchecked: used only from one streaming thread at a time.
    /// What one call into dav1d gave.
    enum Outcome {
        /// The input was taken.
        case done
        /// dav1d holds pictures that must be taken before it takes more input.
        case full
        /// dav1d rejected the data of `frame` (or of the current input when it names none), with errno `code`.
        case failed(frame: Int64?, code: Int32)
    }

    /// A decoded picture, to be copied out and released (`release`).
    struct Picture {
        /// dav1d's picture (a reference this value holds until released).
        var picture: Dav1dPicture
        /// Size, bits per sample and chroma layout.
        var width: Int { Int(picture.p.w) }
        var height: Int { Int(picture.p.h) }
        var bitsPerComponent: Int { Int(picture.p.bpc) }
        var is420: Bool { picture.p.layout == DAV1D_PIXEL_LAYOUT_I420 }
        /// The number of the input the picture was decoded from.
        var frame: Int64 { picture.m.offset }
        /// The Y, U and V planes with their strides in bytes.
        var planes: [(base: UnsafeMutableRawPointer?, stride: Int)] {
            [
                (picture.data.0, picture.stride.0), (picture.data.1, picture.stride.1),
                (picture.data.2, picture.stride.1),
            ]
        }
        /// The input's pts and duration.
        var pts: ClockTime? {
            picture.m.timestamp == Int64.min ? nil : ClockTime(nanoseconds: UInt64(bitPattern: picture.m.timestamp))
        }
        var duration: ClockTime? {
            picture.m.duration < 0 ? nil : ClockTime(nanoseconds: UInt64(picture.m.duration))
        }
    }

    private var context: OpaquePointer?
    /// The input being fed (dav1d may take it over several calls).
    private var pending = Dav1dData()
    /// What dav1d last logged ("Error parsing OBU data"), kept for error messages instead of going to stderr;
    /// dav1d may log from its worker threads.
    private let lastLog = Mutex<String?>(nil)

    /// Opens a decoder; throws with dav1d's reason when it cannot.
    init(threads: Int, maxFrameDelay: Int, applyGrain: Bool, operatingPoint: Int, allLayers: Bool)
        throws(ElementError)
    {
        var settings = Dav1dSettings()
        dav1d_default_settings(&settings)
        settings.n_threads = Int32(threads)
        settings.max_frame_delay = Int32(maxFrameDelay)
        settings.apply_grain = applyGrain ? 1 : 0
        settings.operating_point = Int32(operatingPoint)
        settings.all_layers = allLayers ? 1 : 0
        settings.logger.cookie = Unmanaged.passUnretained(self).toOpaque()
        settings.logger.callback = { cookie, format, arguments in
            guard let cookie, let format else { return }
            var text = [CChar](repeating: 0, count: 256)
            guard let arguments else { return }
            _ = vsnprintf(&text, text.count, format, arguments)
            var line = String(cString: text)
            while line.last == "\n" { line.removeLast() }
            Unmanaged<Dav1dSession>.fromOpaque(cookie).takeUnretainedValue().lastLog.withLock { $0 = line }
        }
        let result = dav1d_open(&context, &settings)
        guard result == 0, context != nil else {
            throw ElementError("av1dec: could not open the dav1d decoder (\(Self.reason(-result)))")
        }
    }

    deinit {
        dav1d_data_unref(&pending)
        dav1d_close(&context)
    }

    /// Whether an input is still being fed.
    var isFeeding: Bool { pending.sz > 0 }

    /// Starts feeding a copy of `bytes` as input frame `frame`.
    func queue(_ bytes: UnsafeRawBufferPointer, frame: Int64, pts: ClockTime?, duration: ClockTime?) -> Bool {
        dav1d_data_unref(&pending)
        guard bytes.count > 0, let base = bytes.baseAddress, let target = dav1d_data_create(&pending, bytes.count)
        else { return false }
        target.update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        pending.m.timestamp = pts.map { Int64(bitPattern: $0.nanoseconds) } ?? Int64.min
        pending.m.duration = duration.map { Int64(bitPattern: $0.nanoseconds) } ?? -1
        pending.m.offset = frame
        return true
    }

    /// Feeds the queued input.
    func feed() -> Outcome {
        guard pending.sz > 0 else { return .done }
        let frame = pending.m.offset
        let result = dav1d_send_data(context, &pending)
        if result == 0 { return .done }
        if result == cdav1d_eagain() { return .full }
        dav1d_data_unref(&pending)
        return .failed(frame: errorFrame() ?? frame, code: -result)
    }

    /// The next picture in output order, nil when dav1d needs more input (or, draining, has no more); an
    /// error is dav1d's failure to decode a frame, named by its input frame number.
    func nextPicture() -> Result<Picture?, DecodeFailure> {
        var picture = Dav1dPicture()
        let result = dav1d_get_picture(context, &picture)
        if result == 0 { return .success(Picture(picture: picture)) }
        if result == cdav1d_eagain() { return .success(nil) }
        return .failure(DecodeFailure(frame: errorFrame(), code: -result))
    }

    /// Gives a picture back to dav1d.
    func release(_ picture: inout Picture) {
        dav1d_picture_unref(&picture.picture)
    }

    /// Drops every picture in flight and the input being fed: for a flush (a seek).
    func flush() {
        dav1d_data_unref(&pending)
        dav1d_flush(context)
    }

    /// The input frame number of the last error dav1d reported.
    private func errorFrame() -> Int64? {
        var props = Dav1dDataProps()
        guard dav1d_get_decode_error_data_props(context, &props) == 0 else { return nil }
        defer { dav1d_data_props_unref(&props) }
        return props.offset >= 0 ? props.offset : nil
    }

    /// A failure dav1d reported while pictures were taken.
    struct DecodeFailure: Error {
        var frame: Int64?
        var code: Int32
    }

    /// dav1d's last log line, then forgets it: the detail of the error just reported.
    func takeLog() -> String? {
        lastLog.withLock { log in
            defer { log = nil }
            return log
        }
    }

    /// Words for a dav1d error code (a positive errno).
    static func reason(_ code: Int32) -> String {
        switch code {
        case EINVAL: "invalid data"
        case ENOMEM: "out of memory"
        case ENOPROTOOPT: "a feature dav1d does not support"
        default: String(cString: strerror(code))
        }
    }
}
#endif  // AV1
