import Foundation
import Glibc
import Parallax
import ParallaxSandbox
import Testing

/// The generated wrapper for the C example plugin's `invert` (`generated/PluginByName.swift`, which
/// `parallax-gen verify` keeps current) in a typed pipeline: the plugin is validated and run in sandboxed hosts.
@Suite(.enabled(if: getuid() == 0, "element hosts sandbox themselves, which needs root"))
struct PluginWrapperTests {
    /// The directory the test binary, and the example plugins built beside it, are in.
    static let buildDirectory: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = String(decoding: buffer[..<max(count, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<path.lastIndex(of: "/")!])
    }()

    /// Two 32×16 RGBA test frames written by a typed pipeline with `middle` between source and file.
    static func frames(_ registry: ElementRegistry, _ file: String, invert: Bool) async throws -> [UInt8] {
        let pipeline: Pipeline
        if invert {
            pipeline = try Pipeline(registry: registry, placement: IsolatingPlacement(mode: .inProcess)) {
                VideoTestSource.producing(RGBA.self, width: 32, height: 16, numBuffers: 2)
                PluginByName.Invert(invertAlpha: true)
                FileSink(location: file)
            }
        } else {
            pipeline = try Pipeline(registry: registry) {
                VideoTestSource.producing(RGBA.self, width: 32, height: 16, numBuffers: 2)
                FileSink(location: file)
            }
        }
        try await pipeline.run()
        return Array(FileManager.default.contents(atPath: file) ?? Data())
    }

    @Test func theWrapperRunsThePluginElementIsolatedInATypedPipeline() async throws {
        var registry = ElementRegistry.stock
        let report = PluginLoader(paths: [Self.buildDirectory + "/libInvertPlugin.so"]).load(into: &registry)
        #expect(report.rejected.isEmpty)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-wrapper-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try await Self.frames(registry, directory.appendingPathComponent("plain.rgba").path, invert: false)
        let inverted = try await Self.frames(registry, directory.appendingPathComponent("inverted.rgba").path, invert: true)
        #expect(plain.count == 2 * 32 * 16 * 4)
        #expect(inverted == plain.map { 255 - $0 })
    }

    @Test func thePipelineSaysWhereThePluginElementRuns() throws {
        var registry = ElementRegistry.stock
        _ = PluginLoader(paths: [Self.buildDirectory + "/libInvertPlugin.so"]).load(into: &registry)
        let pipeline = try Pipeline(registry: registry, placement: IsolatingPlacement(mode: .inProcess)) {
            VideoTestSource.producing(RGBA.self, width: 32, height: 16, numBuffers: 1)
            PluginByName.Invert()
            FakeSink()
        }
        #expect(pipeline.placementDescription.contains { $0.hasPrefix("invert0: own host, sandbox(profile=compute") })
    }
}
