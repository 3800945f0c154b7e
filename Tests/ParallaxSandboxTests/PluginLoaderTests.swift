import Glibc
import ParallaxCore
import ParallaxElements
import ParallaxRuntime
import ParallaxSandbox
import Testing

/// Plugins validated in sandboxed hosts, rejected with reasons, and run isolated (or trusted, in-process).
@Suite(.serialized, .enabled(if: getuid() == 0, "element hosts sandbox themselves, which needs root"))
struct PluginLoaderTests {
    static let frames = "videotestsrc num-buffers=3 ! video/x-raw,format=RGBA,width=64,height=48"

    /// The frames of `frames` with nothing done to them.
    static func reference() async throws -> [[UInt8]] {
        try await IsolatedRun.run(frames + " ! appsink name=out sync=false", mode: .inProcess).buffers
    }

    static func loaded(_ paths: [String], trusted: Set<String> = []) -> (ElementRegistry, PluginLoader.Report) {
        var registry = IsolatedRun.registry
        let report = PluginLoader(paths: paths, trusted: trusted).load(into: &registry)
        return (registry, report)
    }

    @Test func bothExamplePluginsLoadAndDescribeTheirElements() throws {
        let (registry, report) = Self.loaded([PluginFixtures.brightness, PluginFixtures.invert])
        #expect(report.rejected == [])
        #expect(report.loaded == [PluginFixtures.brightness: ["brightness"], PluginFixtures.invert: ["invert"]])
        let brightness = try #require(registry["brightness"])
        #expect(PluginOrigin(brightness)?.file == PluginFixtures.brightness)
        #expect(PluginOrigin(brightness)?.trusted == false)
        #expect(brightness.info.role == .transform)
        #expect(brightness.info.properties.map(\.name) == ["adjustment"])
        #expect(brightness.info.properties.first?.type == .int(-255...255))
        #expect(brightness.info.properties.first?.defaultValue == .int(0))
        #expect(
            brightness.info.padTemplates.map(\.caps.description) == [
                "video/x-raw, format=(string)RGBA", "video/x-raw, format=(string)RGBA",
            ])
        let invert = try #require(registry["invert"])
        #expect(invert.info.properties.map(\.name) == ["invert-alpha"])
        #expect(invert.info.properties.first?.defaultValue == .bool(false))
        #expect(PluginOrigin(registry["identity"]!) == nil)
    }

    @Test func pluginElementsRunIsolatedByDefaultAndGiveTheExpectedBytes() async throws {
        let (registry, _) = Self.loaded([PluginFixtures.brightness, PluginFixtures.invert])
        let run = try await IsolatedRun.run(
            Self.frames + " ! brightness adjustment=40 ! invert ! appsink name=out sync=false", mode: .inProcess,
            registry: registry)
        #expect(run.error == nil)
        #expect(run.placement.count == 4)
        #expect(run.placement[1].hasPrefix("brightness0: own host, sandbox(profile=compute"))
        #expect(run.placement[2].hasPrefix("invert0: own host, sandbox(profile=compute"))
        let reference = try await Self.reference()
        #expect(reference.count == 3)
        let expected = reference.map { frame in
            frame.enumerated().map { index, byte in index % 4 == 3 ? byte : 255 - UInt8(min(255, Int(byte) + 40)) }
        }
        #expect(run.buffers == expected)
    }

    @Test func aTrustedPluginElementRunsInProcess() async throws {
        let (registry, report) = Self.loaded([PluginFixtures.invert], trusted: ["invert", "nosuch"])
        #expect(report.unknownTrusted == ["nosuch"])
        #expect(PluginOrigin(registry["invert"]!)?.trusted == true)
        let run = try await IsolatedRun.run(
            Self.frames + " ! invert invert-alpha=true ! appsink name=out sync=false", mode: .inProcess,
            registry: registry)
        #expect(run.error == nil)
        #expect(run.placement[1] == "invert0: in-process (trusted plugin element from \(PluginFixtures.invert))")
        let reference = try await Self.reference()
        #expect(run.buffers == reference.map { $0.map { 255 - $0 } })
    }

    @Test func anUntrustedPluginElementWithoutAnIsolatingPlacementFailsClearly() async throws {
        let (registry, _) = Self.loaded([PluginFixtures.invert])
        let run = try await IsolatedRun.run(
            Self.frames + " ! invert ! appsink name=out sync=false", mode: .inProcess, registry: registry, placed: false
        )
        #expect(
            run.error?.description
                == "element invert0: invert comes from plugin \(PluginFixtures.invert), which this process did not load: "
                + "plugin elements run in element hosts (give the pipeline an IsolatingPlacement) unless trusted")
    }

    @Test func brokenPluginsAreRejectedWithTheirFileAndFaultAndTheOthersLoad() async throws {
        let directory = ScratchDirectory()
        defer {
            directory.remove(
                "a-abi.so", "b-caps.so", "c-clash.so", "d-crash.so", "e-socket.so", "f-text.so", "g-good.so",
                "h-twice.so", "i-invert.so")
        }
        #expect(PluginFixtures.build("a-abi.so", in: directory, abi: 7))
        #expect(PluginFixtures.build("b-caps.so", in: directory, sinkCaps: "video/x-raw, width=(int)["))
        #expect(PluginFixtures.build("c-clash.so", in: directory, factory: "identity"))
        #expect(PluginFixtures.build("d-crash.so", in: directory, ["CRASH"]))
        #expect(PluginFixtures.build("e-socket.so", in: directory, ["OPEN_SOCKET"]))
        PluginFixtures.write("not a library\n", to: "f-text.so", in: directory)
        #expect(PluginFixtures.build("g-good.so", in: directory, factory: "fixture"))
        #expect(PluginFixtures.build("h-twice.so", in: directory, factory: "fixture"))
        #expect(symlink(PluginFixtures.invert, directory.file("i-invert.so")) == 0)
        let (registry, report) = Self.loaded([directory.path, "/nonexistent/plugins"])
        let file = directory.file
        #expect(
            report.rejected.map(\.description) == [
                "plugin \(file("a-abi.so")) rejected: it was built for plugin ABI version 7; this Parallax loads version 1",
                "plugin \(file("b-caps.so")) rejected: element \"fixture\": sink caps \"video/x-raw, width=(int)[\" do not "
                    + "parse: unterminated range (missing ']') (at byte 24)",
                "plugin \(file("c-clash.so")) rejected: element \"identity\" clashes with a built-in element of that name",
                "plugin \(file("d-crash.so")) rejected: it crashed the validating host in its entry point (SIGSEGV)",
                "plugin \(file("e-socket.so")) rejected: it crashed the validating host while it was loaded (in its "
                    + "initialisers) (SIGSYS)",
                "plugin \(file("f-text.so")) rejected: cannot load it: file too short",
                "plugin \(file("h-twice.so")) rejected: element \"fixture\" clashes with an element of plugin "
                    + "\(file("g-good.so")) of that name",
            ])
        #expect(report.loaded == [file("g-good.so"): ["fixture"], file("i-invert.so"): ["invert"]])
        // The supervisor is unharmed: the plugin that loaded after the broken ones runs.
        let run = try await IsolatedRun.run(
            Self.frames + " ! invert ! appsink name=out sync=false", mode: .inProcess, registry: registry)
        #expect(run.error == nil)
        #expect(run.buffers.count == 3)
    }

    @Test func aPluginWhoseEntryPointHangsIsRejectedAfterTheTimeout() throws {
        let directory = ScratchDirectory()
        defer { directory.remove("hang.so") }
        #expect(PluginFixtures.build("hang.so", in: directory, ["HANG"]))
        var registry = IsolatedRun.registry
        let report = PluginLoader(paths: [directory.path], timeoutMilliseconds: 300).load(into: &registry)
        #expect(report.rejected.map(\.description) == [
            "plugin \(directory.file("hang.so")) rejected: its entry point did not return within 300 ms"
        ])
        #expect(registry["fixture"] == nil)
    }

    /// The loader filter lets the library load; the profile's filter, stacked on it, is what the entry point
    /// runs under: a read-only `open` there is refused.
    @Test func theEntryPointRunsUnderTheProfileFilter() throws {
        let directory = ScratchDirectory()
        defer { directory.remove("probe.so") }
        #expect(PluginFixtures.build("probe.so", in: directory, ["PROBE_OPEN"]))
        let (registry, report) = Self.loaded([directory.path])
        #expect(report.rejected == [])
        #expect(registry["refused"] != nil)
        #expect(registry["opened"] == nil)
    }

    @Test func aPluginElementThatCrashesIsRestartedLikeAnyHostedElement() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove("crasher.so") }
        #expect(PluginFixtures.build("crasher.so", in: directory, factory: "crasher", ["CRASH_IN_PROCESS"]))
        let (registry, _) = Self.loaded([directory.path])
        let run = try await IsolatedRun.run(
            "fakesrc num-buffers=5 ! crasher ! appsink name=out sync=false", mode: .inProcess,
            policy: RestartPolicy(maxRestarts: 2, backoffNanoseconds: 0), registry: registry)
        #expect(
            run.error?.description.contains(
                "crasher0: element host was killed by SIGSEGV; gave up after 2 restarts (the limit is 2 in 10000 ms)")
                == true, "\(String(describing: run.error))")
        #expect(run.restarts.count == 2)
    }
}
