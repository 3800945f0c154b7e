import Foundation
import ParallaxGenKit
import Testing

/// Generate → build → test (fails: not written yet) → write the code → test (passes, launch string included).
/// A source and a sink are generated next to the transform, so every kind of stub is compiled and run.
///
/// The generated package depends on this checkout by path and builds in `.build/gen-roundtrip/scratch`,
/// kept between runs so that only the first run builds Parallax again.
@Suite struct RoundTripTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func swift(_ arguments: [String], in package: URL, scratch: URL) throws -> Tool {
        try Tool.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["swift"] + arguments + ["--scratch-path", scratch.path], in: package)
    }

    @Test(.timeLimit(.minutes(30))) func generateBuildTestWriteAndRun() throws {
        let work = Self.repository.appendingPathComponent(".build/gen-roundtrip")
        let package = work.appendingPathComponent("my-elements")
        let scratch = work.appendingPathComponent("scratch")
        try? FileManager.default.removeItem(at: package)
        let generated = try Tool.run(
            Tool.parallaxGen,
            [
                "element", "brightness", "--kind", "transform", "--input", "video/x-raw,format=RGBA",
                "--property", "adjustment:int=0[-255...255]", "--description", "Brightens RGBA video",
                "--package", package.path, "--parallax-path", Self.repository.path,
            ])
        try #require(generated.status == 0, "\(generated.output)")
        // A source and a sink too, with the other property types: every kind of stub compiles and fails alike.
        for arguments in [
            [
                "ticker", "--kind", "source", "--output", "bytes", "--property", "count:uint=3[0...100]", "--property",
                "label:string=hi",
            ],
            [
                "meter", "--kind", "sink", "--input", "audio/x-raw,format=F32LE", "--property",
                "mode:enum(peak|rms|90r)=rms",
                "--property", "on:bool=true", "--property", "gain:double",
            ],
        ] {
            let more = try Tool.run(Tool.parallaxGen, ["element"] + arguments + ["--package", package.path])
            try #require(more.status == 0, "\(more.output)")
        }

        let build = try swift(["build", "--build-tests"], in: package, scratch: scratch)
        try #require(build.status == 0, "\(build.output.suffix(3000))")
        let failing = try swift(["test", "--skip-build"], in: package, scratch: scratch)
        #expect(failing.status != 0)
        #expect(
            failing.output.contains(
                "brightness: process(_:) is not written yet — edit Sources/MyElements/Brightness.swift"),
            "\(failing.output.suffix(3000))")
        #expect(
            failing.output.contains("ticker: produce(_:) is not written yet — edit Sources/MyElements/Ticker.swift"))
        #expect(failing.output.contains("meter: render(_:) is not written yet — edit Sources/MyElements/Meter.swift"))

        let element = package.appendingPathComponent("Sources/MyElements/Brightness.swift")
        var stub = try String(contentsOf: element, encoding: .utf8)
        let start = try #require(stub.range(of: "        // Read ctx.input"))
        let end = try #require(stub.range(of: "is not written yet — edit Sources/MyElements/Brightness.swift\")\n"))
        stub.replaceSubrange(
            start.lowerBound..<end.upperBound,
            with: """
                        let input = ctx.input
                        var output = ctx.output
                        for i in 0..<ctx.inputLength where i % 4 != 3 {
                            let value = Int(input.unsafeLoad(fromByteOffset: i, as: UInt8.self)) + adjustment
                            output.storeBytes(of: UInt8(clamping: value), toByteOffset: i, as: UInt8.self)
                        }
                        return .ok

                """)
        try Data(stub.utf8).write(to: element)

        let rebuild = try swift(["build", "--build-tests"], in: package, scratch: scratch)
        try #require(rebuild.status == 0, "\(rebuild.output.suffix(3000))")
        let passing = try swift(["test", "--skip-build", "--filter", "BrightnessTests"], in: package, scratch: scratch)
        #expect(passing.status == 0, "\(passing.output.suffix(3000))")
        #expect(passing.output.contains("Test runsInALaunchString() passed"))
        #expect(passing.output.contains("Test processesABuffer() passed"))
    }
}
