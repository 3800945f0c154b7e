import Foundation
import Testing

/// The executables under `Examples/` build, run and print what they promise.
@Suite("Examples")
struct ExamplesTests {
    @Test("typed-pipeline-example: the builder and the launch string give the same frames and checksum")
    func typedPipeline() async throws {
        let output = try await LaunchProcess.run(example: "typed-pipeline-example", ["12"])
        #expect(output.exited && output.status == 0, "stderr: \(output.stderr)")
        let lines = output.stdoutLines
        try #require(lines.count == 2, "stdout: \(output.stdout)")
        #expect(lines[0].hasPrefix("builder: 12 frames, checksum "))
        #expect(lines[1].hasPrefix("launch: 12 frames, checksum "))
        let checksums = lines.map { $0.split(separator: " ").last.map(String.init) }
        #expect(checksums[0] != nil && checksums[0] == checksums[1])
    }

    @Test("frames-in-out-example: every frame pushed into appsrc comes out of appsink unchanged")
    func framesInOut() async throws {
        let output = try await LaunchProcess.run(example: "frames-in-out-example", ["30"])
        #expect(output.exited && output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdoutLines == ["frames-in-out: 30 frames of 64x48 GRAY8 (92160 bytes) round-tripped intact"])
    }

    @Test("brightness-example writes 30 RGBA frames of 320x240")
    func brightness() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("bright.rgba")
        let output = try await LaunchProcess.run(example: "brightness-example", ["40", path])
        #expect(output.exited && output.status == 0, "stderr: \(output.stderr)")
        let size = 30 * 320 * 240 * 4
        #expect(output.stdoutLines == ["brightness 40: wrote 30 frames (\(size) bytes) to \(path)"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.size] as? NSNumber)?.intValue == size)
    }
}
