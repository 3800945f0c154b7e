import Foundation
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct FileSourceTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("filesrc-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsTheFileInBlocksizeChunksWithByteOffsets() throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = FileSource()
        source.location = path
        source.blockSize = 4096
        let harness = try ElementHarness(source)
        let buffers = try harness.produceAll()
        #expect(buffers.map(\.length) == [4096, 4096, 1808])
        #expect(buffers.flatMap(\.byteArray) == bytes)
        #expect(buffers.map(\.metadata.offset) == [0, 4096, 8192])
        #expect(buffers.map(\.metadata.offsetEnd) == [4096, 8192, 10_000])
        #expect(buffers.map(\.dts) == [.zero, nil, nil])
        #expect(buffers.map(\.pts) == [nil, nil, nil])
        #expect(buffers[0].flags == .discont)
        try harness.finish()
    }

    @Test func emptyFileEndsAtOnce() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = FileSource()
        source.location = path
        let harness = try ElementHarness(source)
        #expect(try harness.produce() == .eos)
        try harness.finish()
    }

    @Test func numBuffersStopsEarly() throws {
        let path = try temporaryFile([UInt8](repeating: 1, count: 100))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = FileSource()
        source.location = path
        source.blockSize = 10
        source.numBuffers = 2
        #expect(try ElementHarness(source).produceAll().count == 2)
    }

    @Test func missingFileFailsWithGStreamersWording() {
        var source = FileSource()
        source.location = "/nonexistent/parallax/input.bin"
        #expect(throws: ElementError("Could not open file \"/nonexistent/parallax/input.bin\" for reading.",
                                     debug: "open: No such file or directory")) {
            try ElementHarness(source)
        }
    }

    @Test func noLocationAndDirectoriesAreErrors() {
        #expect(throws: ElementError("No file name specified for reading.")) { try ElementHarness(FileSource()) }
        var source = FileSource()
        source.location = FileManager.default.temporaryDirectory.path
        #expect(throws: ElementError("\"\(FileManager.default.temporaryDirectory.path)\" is a directory.")) {
            try ElementHarness(source)
        }
    }

    @Test func blocksizeIsTheOutputSize() {
        var source = FileSource()
        #expect(source.outputSize(for: .any) == 4096)
        source.blockSize = 65536
        #expect(source.outputSize(for: .any) == 65536)
        #expect(FileSource.info.property(named: "location")?.defaultValue == .string(nil))
    }
}
