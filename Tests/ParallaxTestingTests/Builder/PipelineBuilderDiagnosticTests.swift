import Foundation
import Testing

/// Type-checks snippets that use the typed builder wrongly with `swiftc` against the modules of this build,
/// and checks the compiler's message word for word.
@Suite("Typed pipeline builder diagnostics")
struct PipelineBuilderDiagnosticTests {
    /// Elements shared by the snippets: an I420 source, an RGBA-only filter and a filter generic over planar
    /// YUV formats.
    static let prelude = """
        import Parallax

        struct RGBAOnly: Transform {
            typealias Input = RawVideo<RGBA>
            typealias Output = RawVideo<RGBA>
            static let descriptor = ElementDescriptor<Self>(
                factory: "rgbaonly", longName: "RGBA only", klass: "Filter", description: "Does nothing")
            mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
                .ok
            }
        }

        struct PlanarOnly<Format: PlanarYUV>: Transform {
            typealias Input = RawVideo<Format>
            typealias Output = RawVideo<Format>
            static var descriptor: ElementDescriptor<Self> {
                ElementDescriptor<Self>(
                    factory: "planaronly", longName: "Planar only", klass: "Filter", description: "Does nothing")
            }
            mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
                .ok
            }
        }

        struct I420Source: Source {
            typealias Output = RawVideo<I420>
            static let descriptor = ElementDescriptor<Self>(
                factory: "i420src", longName: "I420 source", klass: "Source", description: "Makes nothing")
            mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
                .eos
            }
        }

        """

    /// The build folder holding the test binary (`.build/debug`), where `Modules/` is.
    static var buildFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The errors and notes of `swiftc -typecheck` on `prelude` + `body`, as `line:column: kind: message`
    /// for those in the snippet.
    static func diagnostics(_ body: String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("parallax-builder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("snippet.swift")
        try (prelude + body).write(to: file, atomically: true, encoding: .utf8)

        let build = buildFolder
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swiftc", "-typecheck", "-swift-version", "6", "-diagnostic-style", "llvm",
            "-module-cache-path", folder.appendingPathComponent("cache").path,
            "-I", build.appendingPathComponent("Modules").path,
            "-Xcc", "-fmodule-map-file=" + build.appendingPathComponent("CParallaxLinux.build/module.modulemap").path,
            file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let prefix = file.path + ":"
        // Errors outside the snippet (a missing module) are kept whole, so they fail the tests too.
        return text.split(separator: "\n").compactMap { line in
            guard line.contains("error: ") || line.contains("note: ") else { return nil }
            return line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : String(line)
        }
    }

    /// The line of `prelude` + `body` on which `body`'s line `number` (from 1) falls.
    static func line(_ number: Int) -> Int {
        prelude.split(separator: "\n", omittingEmptySubsequences: false).count - 1 + number
    }

    @Test func formatMismatchNamesBothMediaTypesAtTheElement() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Queue()
                RGBAOnly()
                FakeSink()
            }

            """)
        let line = Self.line(4)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<I420Source.Output>' (aka 'Takes<RawVideo<I420>>')",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected to be equal",
            ])
    }

    @Test func nothingFollowsASink() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                FakeSink()
                Queue()
            }

            """)
        #expect(
            found.contains(
                "\(Self.line(4)):5: error: cannot convert value of type 'PassThrough' to expected argument type "
                    + "'Takes<PipelineEnd>.Gives<Out>'"))
    }

    /// The error for a statement that is not an element; a note pointing into the builder follows it.
    static let notAnElement =
        "error: 'buildExpression' is unavailable: not a pipeline element "
        + "(expected a Source, Transform, Sink, Tee.branches or CapsFilter)"

    @Test func aStatementThatIsNoElementIsAnErrorOnItsLine() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Queue()
                42
                FakeSink()
            }

            """)
        #expect(found.filter { $0.contains("error: ") } == ["\(Self.line(4)):5: \(Self.notAnElement)"])
    }

    @Test func aFirstStatementThatIsNoElementIsAnErrorOnItsLine() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                "text"
                I420Source()
                FakeSink()
            }

            """)
        #expect(found.filter { $0.contains("error: ") } == ["\(Self.line(2)):5: \(Self.notAnElement)"])
    }

    @Test func aStatementThatIsNoElementInABranchIsAnErrorOnItsLine() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Tee.branches {
                    Branch { Queue(); FakeSink() }
                    Branch {
                        Queue()
                        3.5
                        FakeSink()
                    }
                }
            }

            """)
        #expect(found.filter { $0.contains("error: ") } == ["\(Self.line(7)):13: \(Self.notAnElement)"])
    }

    @Test func missingSinkIsAnErrorAtTheBlock() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Queue()
            }

            """)
        let line = Self.line(1)
        #expect(
            found == [
                "\(line):28: error: cannot convert result builder result type "
                    + "'Takes<PipelineStart>.Gives<I420Source.Output>' "
                    + "(aka 'Takes<PipelineStart>.Gives<RawVideo<I420>>') "
                    + "to return type 'Takes<PipelineStart>.Gives<PipelineEnd>'",
                "\(line):28: note: arguments to generic parameter 'Out' ('I420Source.Output' (aka 'RawVideo<I420>') "
                    + "and 'PipelineEnd') are expected to be equal",
            ])
    }

    @Test func aFormatOutsideTheElementsFamilyIsAnErrorAtTheElement() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                VideoTestSource()
                CapsFilter.video(RGBA.self)
                PlanarOnly<RGBA>()
                FakeSink()
            }

            """)
        #expect(found == ["\(Self.line(4)):5: error: type 'RGBA' does not conform to protocol 'PlanarYUV'"])
    }

    @Test func aConverterToTheWrongFormatNamesBothFormats() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                VideoTestSource()
                VideoConvert.to(I420.self)
                VideoScale()
                RGBAOnly()
                FakeSink()
            }

            """)
        let line = Self.line(5)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<RawVideo<I420>>'",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected to be equal",
            ])
    }

    @Test func anAnyFormatStreamMustBeNarrowedBeforeATypedElement() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                VideoTestSource()
                RGBAOnly()
                FakeSink()
            }

            """)
        let line = Self.line(3)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<VideoTestSource.Output>' (aka 'Takes<RawVideo<AnyPixelFormat>>')",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'AnyPixelFormat') are expected "
                    + "to be equal",
            ])
    }

    @Test func aTeeBranchThatTakesAnotherFormatIsAnErrorAtTheBranch() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Tee.branches(of: RawVideo<I420>.self) {
                    Branch { VideoScale(); FakeSink() }
                    Branch { RGBAOnly(); FakeSink() }
                }
            }

            """)
        let line = Self.line(5)
        #expect(
            found == [
                "\(line):16: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<RawVideo<I420>>'",
                "\(line):16: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected "
                    + "to be equal",
            ])
    }

    /// Without `of:`, branches whose typed heads disagree fall back to the any-media tee, whose error names
    /// `AnyMedia` at the first branch.
    @Test func inferredTeeBranchesThatDisagreeAreAnError() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Tee.branches {
                    Branch { PlanarOnly<I420>(); FakeSink() }
                    Branch { RGBAOnly(); FakeSink() }
                }
            }

            """)
        let line = Self.line(4)
        #expect(
            found == [
                "\(line):16: error: cannot convert parent type 'Takes<PlanarOnly<I420>.Input>' "
                    + "(aka 'Takes<RawVideo<I420>>') to expected type 'Takes<AnyMedia>'",
                "\(line):16: note: arguments to generic parameter 'In' ('PlanarOnly<I420>.Input' "
                    + "(aka 'RawVideo<I420>') and 'AnyMedia') are expected to be equal",
            ])
    }

    @Test func aTeeOfAnotherMediaThanUpstreamIsAnErrorAtTheTee() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Tee.branches(of: RawVideo<RGBA>.self) {
                    Branch { RGBAOnly(); FakeSink() }
                }
            }

            """)
        let line = Self.line(3)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RawVideo<RGBA>>' to expected type "
                    + "'Takes<I420Source.Output>' (aka 'Takes<RawVideo<I420>>')",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected to be equal",
            ])
    }

    @Test func anAnyFormatVideoFilterAfterAudioIsAnErrorAtTheElement() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                AudioTestSource()
                VideoScale()
                FakeSink()
            }

            """)
        // At the element, though the message names the stage kinds rather than the audio type.
        #expect(
            found == [
                "\(Self.line(3)):5: error: cannot convert value of type 'RawVideoPassThrough' to expected argument "
                    + "type 'PassThrough'"
            ])
    }

    @Test func wellTypedSnippetHasNoErrors() throws {
        let found = try Self.diagnostics(
            """
            let graph = Pipeline.graph {
                I420Source()
                Queue()
                PlanarOnly<I420>().named("yuv").queued()
                VideoScale()
                VideoConvert.to(RGBA.self)
                RGBAOnly()
                FakeSink()
            }

            """)
        #expect(found == [])
    }
}
