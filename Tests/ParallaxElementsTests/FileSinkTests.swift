import Foundation
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct FileSinkTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("filesink-\(UUID().uuidString)").path
    }

    func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    @Test func writesExactlyTheBytesAndKeepsTheFileAfterEOS() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sink = FileSink()
        sink.location = path
        let harness = try ElementHarness(sink)
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0) }
        #expect(try harness.push(Buffer(copying: [1, 2, 3])) == .ok)
        #expect(try harness.push(Buffer(copying: large)) == .ok)
        try harness.finish()
        #expect(contents(path) == [1, 2, 3] + large)
    }

    @Test func overwriteBuffersReplaceBytesAtTheirOffsetAndAppendingGoesOnAfterThem() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sink = FileSink()
        sink.location = path
        let harness = try ElementHarness(sink)
        try harness.push(Buffer(copying: [0, 0, 0, 0, 5, 6]))
        var fix = Buffer(copying: [7, 8])
        fix.metadata.flags = .overwrite
        fix.metadata.offset = 1
        try harness.push(fix)
        try harness.push(Buffer(copying: [9]))
        try harness.finish()
        #expect(contents(path) == [0, 7, 8, 0, 5, 6, 9])
    }

    @Test func removesTheFileWhenStoppedWithoutEOS() throws {
        let path = temporaryPath()
        var sink = FileSink()
        sink.location = path
        let harness = try ElementHarness(sink)
        try harness.push(Buffer(copying: [1, 2, 3]))
        #expect(contents(path) == [1, 2, 3])
        harness.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
        try harness.finish()
    }

    @Test func truncatesAnExistingFileUnlessAppending() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([9, 9, 9, 9]).write(to: URL(fileURLWithPath: path))
        var sink = FileSink()
        sink.location = path
        let overwrite = try ElementHarness(sink)
        try overwrite.push(Buffer(copying: [1]))
        try overwrite.finish()
        #expect(contents(path) == [1])
        sink.append = true
        let append = try ElementHarness(sink)
        try append.push(Buffer(copying: [2, 3]))
        try append.finish()
        #expect(contents(path) == [1, 2, 3])
    }

    @Test func appendingKeepsTheFileEvenWithoutEOS() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([7]).write(to: URL(fileURLWithPath: path))
        var sink = FileSink()
        sink.location = path
        sink.append = true
        let harness = try ElementHarness(sink)
        try harness.push(Buffer(copying: [8]))
        harness.stop()
        #expect(contents(path) == [7, 8])
        try harness.finish()
    }

    @Test func unwritablePathFailsWithGStreamersWording() {
        var sink = FileSink()
        sink.location = "/nonexistent/parallax/out.bin"
        #expect(throws: ElementError("Could not open file \"/nonexistent/parallax/out.bin\" for writing.",
                                     debug: "open: No such file or directory")) {
            try ElementHarness(sink)
        }
        #expect(throws: ElementError("No file name specified for writing.")) { try ElementHarness(FileSink()) }
    }

    @Test func neverRemovesWhatIsNotARegularFile() throws {
        var sink = FileSink()
        sink.location = "/dev/null"
        let harness = try ElementHarness(sink)
        try harness.push(Buffer(copying: [1]))
        harness.stop()
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
        try harness.finish()
    }

    @Test func defaultsAreGStreamers() {
        let info = FileSink.info
        #expect(info.property(named: "append")?.defaultValue == .bool(false))
        #expect(info.property(named: "sync")?.defaultValue == .bool(false))
        #expect(info.property(named: "location")?.defaultValue == .string(nil))
        #expect(!FileSink().sync)
    }
}
