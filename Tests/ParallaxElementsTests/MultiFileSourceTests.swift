import Foundation
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct MultiFileSourceTests {
    /// A directory holding `img-001` … with the given contents.
    func directory(_ contents: [[UInt8]], from first: Int = 1) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("multifilesrc-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (n, bytes) in contents.enumerated() {
            FileManager.default.createFile(
                atPath: path + "/img-" + String(format: "%03d", first + n), contents: Data(bytes))
        }
        return path
    }

    @Test func readsOneBufferPerFileUntilTheNextIsMissing() throws {
        let dir = try directory([[1], [2, 2], [3, 3, 3]])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var source = MultiFileSource()
        source.location = dir + "/img-%03d"
        source.startIndex = 1
        source.caps = try Caps(parsing: "image/png,framerate=10/1")
        let harness = try ElementHarness(source)
        let buffers = try harness.produceAll()
        #expect(buffers.map(\.byteArray) == [[1], [2, 2], [3, 3, 3]])
        #expect(buffers.map { $0.metadata.pts?.nanoseconds } == [0, 100_000_000, 200_000_000])
        #expect(buffers.map(\.metadata.offset) == [0, 1, 3])
        #expect(harness.outputCaps?.description == "image/png, framerate=(fraction)10/1")
        try harness.finish()
    }

    @Test func stopIndexEndsTheStreamAndLoopStartsOver() throws {
        let dir = try directory([[1], [2], [3]])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var source = MultiFileSource()
        source.location = dir + "/img-%03d"
        source.startIndex = 1
        source.stopIndex = 2
        #expect(try ElementHarness(source).produceAll().map(\.byteArray) == [[1], [2]])
        source.loop = true
        #expect(try ElementHarness(source).produceAll(limit: 5).map(\.byteArray) == [[1], [2], [1], [2], [1]])
        source.stopIndex = -1
        #expect(
            try ElementHarness(source).produceAll(limit: 7).map(\.byteArray) == [[1], [2], [3], [1], [2], [3], [1]])
    }

    @Test func aMissingFirstFileIsAnError() throws {
        var source = MultiFileSource()
        source.location = "/nonexistent-directory/%05d.png"
        let harness = try ElementHarness(source)
        #expect(
            throws: ElementError(
                "Could not open file \"/nonexistent-directory/00000.png\" for reading.",
                debug: "open: No such file or directory")
        ) { try harness.produce() }
        harness.stop()
    }

    @Test func indexAndStartIndexSetTheSameStartTheLastOneWinning() throws {
        let dir = try directory([[0], [1], [2], [3]], from: 0)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var source = MultiFileSource()
        source.location = dir + "/img-%03d"
        source.index = 3
        source.startIndex = 1  // as gst-launch-1.0 multifilesrc index=3 start-index=1: 1, 2, 3
        #expect(try ElementHarness(source).produceAll().map(\.byteArray) == [[1], [2], [3]])
        source.index = 2
        source.stopIndex = 3
        source.loop = true  // the loop starts over at 2, the index set last
        #expect(try ElementHarness(source).produceAll(limit: 5).map(\.byteArray) == [[2], [3], [2], [3], [2]])
    }
}
