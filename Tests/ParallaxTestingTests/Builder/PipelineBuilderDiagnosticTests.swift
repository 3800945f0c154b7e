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

    /// Every snippet, type-checked together.
    static let all = [
        formatMismatchNamesBothMediaTypesAtTheElementSnippet,
        nothingFollowsASinkSnippet,
        aStatementThatIsNoElementIsAnErrorOnItsLineSnippet,
        aFirstStatementThatIsNoElementIsAnErrorOnItsLineSnippet,
        aStatementThatIsNoElementInABranchIsAnErrorOnItsLineSnippet,
        missingSinkIsAnErrorAtTheBlockSnippet,
        aFormatOutsideTheElementsFamilyIsAnErrorAtTheElementSnippet,
        aConverterToTheWrongFormatNamesBothFormatsSnippet,
        anAnyFormatStreamMustBeNarrowedBeforeATypedElementSnippet,
        aTeeBranchThatTakesAnotherFormatIsAnErrorAtTheBranchSnippet,
        inferredTeeBranchesThatDisagreeAreAnErrorSnippet,
        aTeeOfAnotherMediaThanUpstreamIsAnErrorAtTheTeeSnippet,
        anAnyFormatVideoFilterAfterAudioIsAnErrorAtTheElementSnippet,
        aPipelineWithoutASourceSnippet,
        wellTypedSnippetHasNoErrorsSnippet,
    ]

    /// The build folder holding the test binary (`.build/debug`), where `Modules/` is.
    static var buildFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The module map of system-library target `name` (ParallaxElements imports CZlib, CDav1d, CRav1e and, through ParallaxVulkan, CVulkan), which SwiftPM leaves in the
    /// package's `Sources` folder rather than the build folder.
    static func systemLibraryMap(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/\(name)/module.modulemap")
    }

    /// The errors and notes of `swiftc -typecheck` on snippet `body` (with `prelude` in a file of its own),
    /// as `line:column: kind: message` for those in the snippet. Snippets in `all` are type-checked together
    /// by one compiler run; any other is checked alone.
    static func diagnostics(_ body: String) throws -> [String] {
        if let found = try batch.get()[body] { return found }
        return try typeCheck([body])[body] ?? []
    }

    /// The diagnostics of every snippet in `all`, from one `swiftc` run: a run per snippet would pay the
    /// compiler's start-up and the modules' loading each time.
    static let batch: Result<[String: [String]], any Error> = Result { try typeCheck(all) }

    /// Type-checks `prelude` and each of `bodies` in a file of its own (so a snippet's line *n* is line
    /// *n* + 1, after its `import`) and sorts the diagnostics by snippet. A note outside the snippets (in
    /// the library) goes with the diagnostic before it; an error before any snippet's (a missing module)
    /// goes to every snippet, so it fails their tests too.
    static func typeCheck(_ bodies: [String]) throws -> [String: [String]] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("parallax-builder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let preludeFile = folder.appendingPathComponent("prelude.swift")
        try prelude.write(to: preludeFile, atomically: true, encoding: .utf8)
        let files = try bodies.indices.map { index in
            let file = folder.appendingPathComponent("snippet\(index).swift")
            try ("import Parallax\n" + bodies[index]).write(to: file, atomically: true, encoding: .utf8)
            return file
        }

        let build = buildFolder
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "swiftc", "-typecheck", "-continue-building-after-errors", "-swift-version", "6",
                "-diagnostic-style", "llvm",
                "-module-cache-path", folder.appendingPathComponent("cache").path,
                "-I", build.appendingPathComponent("Modules").path,
                "-Xcc",
                "-fmodule-map-file=" + build.appendingPathComponent("CParallaxLinux.build/module.modulemap").path,
                "-Xcc", "-fmodule-map-file=" + systemLibraryMap("CZlib").path,
                "-Xcc", "-fmodule-map-file=" + systemLibraryMap("CDav1d").path,
                "-Xcc", "-fmodule-map-file=" + systemLibraryMap("CRav1e").path,
                "-Xcc", "-fmodule-map-file=" + systemLibraryMap("CVulkan").path,
                preludeFile.path,
            ] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        var found = Dictionary(uniqueKeysWithValues: bodies.map { ($0, [String]()) })
        var current: Int?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard line.contains("error: ") || line.contains("note: ") else { continue }
            if let index = files.firstIndex(where: { line.hasPrefix($0.path + ":") }) {
                current = index
                found[bodies[index], default: []].append(String(line.dropFirst(files[index].path.count + 1)))
            } else if let current {
                found[bodies[current], default: []].append(String(line))
            } else {
                for body in bodies { found[body, default: []].append(String(line)) }
            }
        }
        return found
    }

    /// The line of a snippet's file on which the snippet's line `number` (from 1) falls.
    static func line(_ number: Int) -> Int { number + 1 }

    static let formatMismatchNamesBothMediaTypesAtTheElementSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Queue()
            RGBAOnly()
            FakeSink()
        }

        """

    @Test func formatMismatchNamesBothMediaTypesAtTheElement() throws {
        let found = try Self.diagnostics(Self.formatMismatchNamesBothMediaTypesAtTheElementSnippet)
        let line = Self.line(4)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<I420Source.Output>' (aka 'Takes<RawVideo<I420>>')",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected to be equal",
            ])
    }

    static let nothingFollowsASinkSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            FakeSink()
            Queue()
        }

        """

    @Test func nothingFollowsASink() throws {
        let found = try Self.diagnostics(Self.nothingFollowsASinkSnippet)
        #expect(
            found.contains(
                "\(Self.line(4)):5: error: cannot convert value of type 'PassThrough' to expected argument type "
                    + "'Takes<PipelineEnd>.Gives<Out>'"))
    }

    /// The error for a statement that is not an element; a note pointing into the builder follows it.
    static let notAnElement =
        "error: 'buildExpression' is unavailable: not a pipeline element "
        + "(expected a Source, Transform, Sink, Tee.branches or CapsFilter)"

    static let aStatementThatIsNoElementIsAnErrorOnItsLineSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Queue()
            42
            FakeSink()
        }

        """

    @Test func aStatementThatIsNoElementIsAnErrorOnItsLine() throws {
        let found = try Self.diagnostics(Self.aStatementThatIsNoElementIsAnErrorOnItsLineSnippet)
        #expect(found.filter { $0.contains("error: ") } == ["\(Self.line(4)):5: \(Self.notAnElement)"])
    }

    static let aFirstStatementThatIsNoElementIsAnErrorOnItsLineSnippet = """
        private let graph = Pipeline.graph {
            "text"
            I420Source()
            FakeSink()
        }

        """

    @Test func aFirstStatementThatIsNoElementIsAnErrorOnItsLine() throws {
        let found = try Self.diagnostics(Self.aFirstStatementThatIsNoElementIsAnErrorOnItsLineSnippet)
        #expect(found.filter { $0.contains("error: ") } == ["\(Self.line(2)):5: \(Self.notAnElement)"])
    }

    static let aStatementThatIsNoElementInABranchIsAnErrorOnItsLineSnippet = """
        private let graph = Pipeline.graph {
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

        """

    @Test func aStatementThatIsNoElementInABranchIsAnErrorOnItsLine() throws {
        let found = try Self.diagnostics(Self.aStatementThatIsNoElementInABranchIsAnErrorOnItsLineSnippet)
        #expect(found.filter { $0.contains("error: ") } == ["\(Self.line(7)):13: \(Self.notAnElement)"])
    }

    static let missingSinkIsAnErrorAtTheBlockSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Queue()
        }

        """

    @Test func missingSinkIsAnErrorAtTheBlock() throws {
        let found = try Self.diagnostics(Self.missingSinkIsAnErrorAtTheBlockSnippet)
        let line = Self.line(1)
        #expect(
            found == [
                "\(line):36: error: cannot convert result builder result type "
                    + "'Takes<PipelineStart>.Gives<I420Source.Output>' "
                    + "(aka 'Takes<PipelineStart>.Gives<RawVideo<I420>>') "
                    + "to return type 'Takes<PipelineStart>.Gives<PipelineEnd>'",
                "\(line):36: note: arguments to generic parameter 'Out' ('I420Source.Output' (aka 'RawVideo<I420>') "
                    + "and 'PipelineEnd') are expected to be equal",
            ])
    }

    static let aFormatOutsideTheElementsFamilyIsAnErrorAtTheElementSnippet = """
        private let graph = Pipeline.graph {
            VideoTestSource()
            CapsFilter.video(RGBA.self)
            PlanarOnly<RGBA>()
            FakeSink()
        }

        """

    @Test func aFormatOutsideTheElementsFamilyIsAnErrorAtTheElement() throws {
        let found = try Self.diagnostics(Self.aFormatOutsideTheElementsFamilyIsAnErrorAtTheElementSnippet)
        #expect(found == ["\(Self.line(4)):5: error: type 'RGBA' does not conform to protocol 'PlanarYUV'"])
    }

    static let aConverterToTheWrongFormatNamesBothFormatsSnippet = """
        private let graph = Pipeline.graph {
            VideoTestSource()
            VideoConvert.to(I420.self)
            VideoScale()
            RGBAOnly()
            FakeSink()
        }

        """

    @Test func aConverterToTheWrongFormatNamesBothFormats() throws {
        let found = try Self.diagnostics(Self.aConverterToTheWrongFormatNamesBothFormatsSnippet)
        let line = Self.line(5)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<RawVideo<I420>>'",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected to be equal",
            ])
    }

    static let anAnyFormatStreamMustBeNarrowedBeforeATypedElementSnippet = """
        private let graph = Pipeline.graph {
            VideoTestSource()
            RGBAOnly()
            FakeSink()
        }

        """

    @Test func anAnyFormatStreamMustBeNarrowedBeforeATypedElement() throws {
        let found = try Self.diagnostics(Self.anAnyFormatStreamMustBeNarrowedBeforeATypedElementSnippet)
        let line = Self.line(3)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<VideoTestSource.Output>' (aka 'Takes<RawVideo<AnyPixelFormat>>')",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'AnyPixelFormat') are expected "
                    + "to be equal",
            ])
    }

    static let aTeeBranchThatTakesAnotherFormatIsAnErrorAtTheBranchSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Tee.branches(of: RawVideo<I420>.self) {
                Branch { VideoScale(); FakeSink() }
                Branch { RGBAOnly(); FakeSink() }
            }
        }

        """

    @Test func aTeeBranchThatTakesAnotherFormatIsAnErrorAtTheBranch() throws {
        let found = try Self.diagnostics(Self.aTeeBranchThatTakesAnotherFormatIsAnErrorAtTheBranchSnippet)
        let line = Self.line(5)
        #expect(
            found == [
                "\(line):16: error: cannot convert parent type 'Takes<RGBAOnly.Input>' (aka 'Takes<RawVideo<RGBA>>') "
                    + "to expected type 'Takes<RawVideo<I420>>'",
                "\(line):16: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected "
                    + "to be equal",
            ])
    }

    static let inferredTeeBranchesThatDisagreeAreAnErrorSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Tee.branches {
                Branch { PlanarOnly<I420>(); FakeSink() }
                Branch { RGBAOnly(); FakeSink() }
            }
        }

        """

    /// Without `of:`, branches whose typed heads disagree fall back to the any-media tee, whose error names
    /// `AnyMedia` at the first branch.
    @Test func inferredTeeBranchesThatDisagreeAreAnError() throws {
        let found = try Self.diagnostics(Self.inferredTeeBranchesThatDisagreeAreAnErrorSnippet)
        let line = Self.line(4)
        #expect(
            found == [
                "\(line):16: error: cannot convert parent type 'Takes<PlanarOnly<I420>.Input>' "
                    + "(aka 'Takes<RawVideo<I420>>') to expected type 'Takes<AnyMedia>'",
                "\(line):16: note: arguments to generic parameter 'In' ('PlanarOnly<I420>.Input' "
                    + "(aka 'RawVideo<I420>') and 'AnyMedia') are expected to be equal",
            ])
    }

    static let aTeeOfAnotherMediaThanUpstreamIsAnErrorAtTheTeeSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Tee.branches(of: RawVideo<RGBA>.self) {
                Branch { RGBAOnly(); FakeSink() }
            }
        }

        """

    @Test func aTeeOfAnotherMediaThanUpstreamIsAnErrorAtTheTee() throws {
        let found = try Self.diagnostics(Self.aTeeOfAnotherMediaThanUpstreamIsAnErrorAtTheTeeSnippet)
        let line = Self.line(3)
        #expect(
            found == [
                "\(line):5: error: cannot convert parent type 'Takes<RawVideo<RGBA>>' to expected type "
                    + "'Takes<I420Source.Output>' (aka 'Takes<RawVideo<I420>>')",
                "\(line):5: note: arguments to generic parameter 'Format' ('RGBA' and 'I420') are expected to be equal",
            ])
    }

    static let anAnyFormatVideoFilterAfterAudioIsAnErrorAtTheElementSnippet = """
        private let graph = Pipeline.graph {
            AudioTestSource()
            VideoScale()
            FakeSink()
        }

        """

    @Test func anAnyFormatVideoFilterAfterAudioIsAnErrorAtTheElement() throws {
        let found = try Self.diagnostics(Self.anAnyFormatVideoFilterAfterAudioIsAnErrorAtTheElementSnippet)
        // At the element, though the message names the stage kinds rather than the audio type.
        #expect(
            found == [
                "\(Self.line(3)):5: error: cannot convert value of type 'RawVideoPassThrough' to expected argument "
                    + "type 'PassThrough'"
            ])
    }

    static let aPipelineWithoutASourceSnippet = """
        private let graph = Pipeline.graph {
            Queue()
            FakeSink()
        }

        """

    /// A pass-through may start a block (the body of an `if` needs that), so the error is on the next element.
    @Test func aPipelineWithoutASource() throws {
        let found = try Self.diagnostics(Self.aPipelineWithoutASourceSnippet)
        // The compiler reports these three in either order from one run to the next.
        #expect(
            found.filter { $0.contains("error: ") }.sorted() == [
                "\(Self.line(3)):5: error: cannot convert value of type 'PassThrough' to expected argument type "
                    + "'Takes<In>.Gives<Media>'",
                "\(Self.line(1)):36: error: generic parameter 'In' could not be inferred",
                "\(Self.line(1)):36: error: generic parameter 'Media' could not be inferred",
            ].sorted())
    }

    static let wellTypedSnippetHasNoErrorsSnippet = """
        private let graph = Pipeline.graph {
            I420Source()
            Queue()
            PlanarOnly<I420>().named("yuv").queued()
            VideoScale()
            VideoConvert.to(RGBA.self)
            RGBAOnly()
            FakeSink()
        }

        """

    @Test func wellTypedSnippetHasNoErrors() throws {
        let found = try Self.diagnostics(Self.wellTypedSnippetHasNoErrorsSnippet)
        #expect(found == [])
    }
}
