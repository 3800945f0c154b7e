import Foundation

/// A small AV1 stream made by ffmpeg (libaom) at test time, with ffmpeg's own libdav1d decoding of it as the
/// reference: the temporal units of the IVF file and the raw pictures, packed tight.
struct AV1TestStream {
    /// The temporal units, in file order.
    var units: [[UInt8]]
    /// ffmpeg's decoding (`-c:v libdav1d … -f rawvideo`), frames back to back without padding.
    var reference: [UInt8]

    /// The installed ffmpeg, or nil (after printing why the test is skipped).
    static let ffmpeg: String? = {
        let path = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        if path == nil { print("skipped: ffmpeg is not installed") }
        return path
    }()

    /// Encodes `frames` frames of `testsrc` at `size` and 25 fps as `pixelFormat` (yuv420p, yuv420p10le), one
    /// keyframe every `keyframeInterval` frames; nil when ffmpeg is missing or cannot encode AV1.
    static func make(size: String, frames: Int, pixelFormat: String = "yuv420p", keyframeInterval: Int = 100)
        async throws -> AV1TestStream?
    {
        guard let ffmpeg else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parallax-av1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ivf = directory.appendingPathComponent("in.ivf").path,
            raw = directory.appendingPathComponent("out.yuv").path
        let encoded = try await run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=\(size):rate=25", "-frames:v", "\(frames)",
                "-pix_fmt", pixelFormat, "-c:v", "libaom-av1", "-cpu-used", "8", "-g", "\(keyframeInterval)", ivf,
            ])
        guard encoded == 0 else {
            print("skipped: ffmpeg cannot encode AV1 with libaom")
            return nil
        }
        let decoded = try await run(
            ffmpeg,
            [
                "-v", "error", "-y", "-c:v", "libdav1d", "-i", ivf, "-f", "rawvideo", "-pix_fmt", pixelFormat, raw,
            ])
        guard decoded == 0 else {
            print("skipped: ffmpeg cannot decode AV1 with libdav1d")
            return nil
        }
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ivf)))
        var units: [[UInt8]] = []
        var index = 32
        while index + 12 <= file.count {
            let size = (0..<4).reduce(0) { $0 | Int(file[index + $1]) << ($1 * 8) }
            guard index + 12 + size <= file.count else { break }
            units.append(Array(file[(index + 12)..<(index + 12 + size)]))
            index += 12 + size
        }
        return AV1TestStream(units: units, reference: [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw))))
    }

    /// Runs `path` with `arguments` to the end (killed after 60 seconds); returns its exit status. Awaits the
    /// exit rather than blocking a thread of the shared pool, which the other tests need.
    private static func run(_ path: String, _ arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + 60) { [process] in
                if process.isRunning { process.terminate() }
            }
        }
    }
}
