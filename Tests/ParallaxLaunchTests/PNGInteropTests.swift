import Foundation
import Parallax
import Testing

/// `pngenc` and `multifilesink`/`multifilesrc` against ffprobe and ffmpeg's PNG decoder.
@Suite struct PNGInteropTests {
    @Test(arguments: [("RGBA", "rgba"), ("RGB", "rgb24"), ("GRAY8", "gray")])
    func ffmpegDecodesThePNGsToTheFramesThatWentIn(format: String, pixelFormat: String) async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg"), let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // 60 pixels wide: RGB and GRAY8 rows need no padding, so the raw frames are what ffmpeg writes.
        let source =
            "videotestsrc num-buffers=2 pattern=smpte ! video/x-raw,format=\(format),width=60,height=20 ! tee name=t "
            + "t. ! queue ! filesink location=\(directory.path("frames.raw")) "
            + "t. ! queue ! pngenc ! multifilesink location=\(directory.path("frame-%05d.png"))"
        try await Pipeline(launch: source).run()
        let stream = try await ExternalTool.probe(
            ffprobe, directory.path("frame-00001.png"),
            [
                "-show_entries", "stream=codec_name,width,height,pix_fmt",
            ])
        #expect(stream == ["codec_name=png", "width=60", "height=20", "pix_fmt=\(pixelFormat)"])
        let frames = ExternalTool.bytes(directory.path("frames.raw"))
        let size = frames.count / 2
        for index in 0..<2 {
            let decoded = directory.path("decoded\(index).raw")
            try await ExternalTool.run(
                ffmpeg,
                [
                    "-v", "error", "-i", directory.path("frame-0000\(index).png"), "-f",
                    "rawvideo", "-pix_fmt", pixelFormat, decoded,
                ])
            #expect(ExternalTool.bytes(decoded) == frames[(index * size)..<((index + 1) * size)])
        }
    }

    @Test func multifilesrcReadsBackWhatMultifilesinkWrote() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await Pipeline(
            launch: "videotestsrc num-buffers=4 ! video/x-raw,format=RGB,width=16,height=8 ! pngenc ! "
                + "multifilesink location=\(directory.path("img%d.png")) index=3"
        ).run()
        try await Pipeline(
            launch: "multifilesrc location=\(directory.path("img%d.png")) start-index=3 "
                + "caps=image/png,framerate=5/1 ! filesink location=\(directory.path("all.bin"))"
        ).run()
        let files = (3...6).map { ExternalTool.bytes(directory.path("img\($0).png")) }
        #expect(files.allSatisfy { $0.starts(with: [0x89, 0x50, 0x4E, 0x47]) })
        #expect(ExternalTool.bytes(directory.path("all.bin")) == files.reduce(Data(), +))
    }
}
