import Foundation
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct MultiFileSinkTests {
    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("multifilesink-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func files(_ directory: String) -> [String: [UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Dictionary(
            uniqueKeysWithValues: names.map {
                ($0, [UInt8](FileManager.default.contents(atPath: directory + "/" + $0) ?? Data()))
            })
    }

    @Test func writesOneFilePerBufferNamedByThePattern() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sink = MultiFileSink()
        sink.location = dir + "/frame-%05d.bin"
        sink.index = 7
        sink.postMessages = true
        let harness = try ElementHarness(sink)
        for n in 0..<3 { try harness.push(Buffer(copying: [UInt8](repeating: UInt8(n), count: n + 1))) }
        try harness.finish()
        #expect(files(dir) == ["frame-00007.bin": [0], "frame-00008.bin": [1, 1], "frame-00009.bin": [2, 2, 2]])
        #expect(harness.postedMessages.map { $0.string("filename") } == (7...9).map { dir + "/frame-0000\($0).bin" })
        #expect(harness.postedMessages.map { $0.int("index") } == [7, 8, 9])
    }

    @Test func keyFrameModeStartsAFileAtEachKeyFrameAndMaxFilesKeepsTheNewest() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sink = MultiFileSink()
        sink.location = dir + "/%d.ts"
        sink.nextFile = .keyFrame
        sink.maxFiles = 2
        let harness = try ElementHarness(sink)
        for (n, key) in [true, false, true, false, false, true, false].enumerated() {
            var buffer = Buffer(copying: [UInt8(n)])
            if !key { buffer.metadata.flags.insert(.deltaUnit) }
            try harness.push(buffer)
        }
        try harness.finish()
        #expect(files(dir) == ["1.ts": [2, 3, 4], "2.ts": [5, 6]])  // 0.ts, the oldest, was deleted
    }

    @Test func maxSizeModeStartsAFileBeforeTheBufferThatWouldOverflowIt() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sink = MultiFileSink()
        sink.location = dir + "/part%02x"
        sink.nextFile = .maxSize
        sink.maxFileSize = 4
        let harness = try ElementHarness(sink)
        for n in 0..<5 { try harness.push(Buffer(copying: [UInt8(n), UInt8(n)])) }
        try harness.finish()
        #expect(files(dir) == ["part00": [0, 0, 1, 1], "part01": [2, 2, 3, 3], "part02": [4, 4]])
    }

    @Test func patternsOtherThanOneIntegerAreRefused() {
        var sink = MultiFileSink()
        sink.location = "frame-%s.png"
        #expect(
            throws: ElementError(
                "multifilesink: the location pattern \"frame-%s.png\" has a conversion other than an integer one "
                    + "(%d, %i, %u, %x, %X, %o)")
        ) { try ElementHarness(sink) }
        sink.location = "%d-%d"
        #expect(throws: ElementError("multifilesink: the location pattern \"%d-%d\" has more than one conversion")) {
            try ElementHarness(sink)
        }
    }

    @Test func anUnwritableLocationIsAnError() throws {
        var sink = MultiFileSink()
        sink.location = "/nonexistent-directory/%d"
        let harness = try ElementHarness(sink)
        #expect(
            throws: ElementError(
                "Could not open file \"/nonexistent-directory/0\" for writing.",
                debug: "open: No such file or directory"
            )
        ) { try harness.push(Buffer(copying: [1])) }
        harness.stop()
    }
}
