import Glibc
import ParallaxCore
import ParallaxElements
import ParallaxRuntime
import ParallaxSandbox
import Testing

/// What isolation contains, proved with the `chaos` element.
@Suite(.serialized) struct ChaosContainmentTests {
    static func chain(_ chaos: String, buffers: Int = 8) -> String {
        "fakesrc num-buffers=\(buffers) sizetype=fixed sizemax=256 filltype=pattern-span ! chaos \(chaos) "
            + "! appsink name=out sync=false"
    }

    @Test(arguments: ["connect", "exec", "ptrace"])
    func forbiddenOperationsKillTheHostAndNameTheElement(_ action: String) async throws {
        let run = try await IsolatedRun.run(Self.chain("action=\(action) after=2"), mode: .isolated(), policy: .never)
        let error = try #require(run.error)
        #expect(
            error.description.contains(
                "chaos0: element host was killed by SIGSYS (a system call its sandbox forbids); gave up after 0 restarts"),
            "\(error)")
        #expect(run.buffers.count == 2)
        let reported = run.messages.contains {
            if case .error(let element, _) = $0 { return element == "chaos0" }
            return false
        }
        #expect(reported)
    }

    @Test func withAnErrnoSandboxTheCallFailsInsteadOfKilling() async throws {
        var sandbox = ElementSandbox()
        sandbox.violationAction = .errno(EPERM)
        let run = try await IsolatedRun.run(
            Self.chain("action=exec"), mode: .isolated(sandbox: sandbox), policy: .never)
        let error = try #require(run.error)
        #expect(error.description.contains("chaos: exec(\"/bin/true\") was refused (errno 1: Operation not permitted)"), "\(error)")
    }

    @Test func openingAFileIsRefusedWithEACCESAndTheHostLives() async throws {
        let run = try await IsolatedRun.run(Self.chain("action=open-file after=2"), mode: .isolated(), policy: .never)
        let error = try #require(run.error)
        #expect(error.description.contains("chaos: open(\"/etc/passwd\") was refused (errno 13: Permission denied)"), "\(error)")
        #expect(run.restarts.isEmpty)
        #expect(run.buffers.count == 2)
    }

    @Test func inProcessTheSameCallIsAllowed() async throws {
        let run = try await IsolatedRun.run(Self.chain("action=open-file"), mode: .inProcess)
        let error = try #require(run.error)
        #expect(error.description.contains("chaos: open(\"/etc/passwd\") was allowed"), "\(error)")
    }

    @Test func writingIntoTheInputKillsOnlyThatHost() async throws {
        let run = try await IsolatedRun.run(
            "fakesrc num-buffers=6 sizetype=fixed sizemax=64 filltype=pattern ! chaos action=write-input after=3 "
                + "! identity ! appsink name=out sync=false",
            mode: .isolated())
        #expect(run.error == nil)
        #expect(run.buffers.count == 5)
        #expect(run.restarts.map(\.element) == ["chaos0"])
        #expect(run.restarts.first?.reason == "was killed by SIGSEGV")
        // The bytes that reached the sink are the source's, untouched.
        #expect(run.buffers.allSatisfy { bytes in bytes.enumerated().allSatisfy { $0.element == UInt8($0.offset & 0xFF) } })
        // The buffer after the restart is marked discontinuous.
        #expect(run.flags[3].contains(.discont))
        #expect(!run.flags[2].contains(.discont))
    }

    @Test func aCrashEveryFewBuffersStillEndsInEOSLosingOnlyTheBuffersInFlight() async throws {
        let policy = RestartPolicy(maxRestarts: 100, backoffNanoseconds: 0)
        let run = try await IsolatedRun.run(
            Self.chain("action=segfault after=4", buffers: 60), mode: .isolated(), policy: policy)
        #expect(run.error == nil)
        // Each host serves buffers 0…3 and crashes on its fifth: one buffer lost per restart.
        #expect(run.restarts.count == 12)
        #expect(run.buffers.count == 60 - run.restarts.count)
        #expect(run.restarts.last?.restarts == 12)
        #expect(run.messages.contains(.endOfStream))
    }

    @Test func pastTheRestartLimitThePipelineFailsNamingElementSignalAndRestarts() async throws {
        let policy = RestartPolicy(maxRestarts: 2, backoffNanoseconds: 0)
        let run = try await IsolatedRun.run(Self.chain("action=abort after=1", buffers: 20), mode: .isolated(), policy: policy)
        let error = try #require(run.error)
        #expect(
            error.description.contains(
                "chaos0: element host was killed by SIGABRT; gave up after 2 restarts (the limit is 2 in 10000 ms)"),
            "\(error)")
        #expect(run.restarts.count == 2)
    }

    @Test func aHostThatExitsIsRestarted() async throws {
        let run = try await IsolatedRun.run(Self.chain("action=exit after=4"), mode: .isolated())
        #expect(run.error == nil)
        #expect(run.restarts.first?.reason == "exited with status 3")
        #expect(run.buffers.count == 7)
    }

    @Test func aHungHostIsKilledAfterTheResponseTimeout() async throws {
        let policy = RestartPolicy(maxRestarts: 1, backoffNanoseconds: 0, responseTimeoutNanoseconds: 200_000_000)
        let run = try await IsolatedRun.run(Self.chain("action=hang after=1", buffers: 3), mode: .isolated(), policy: policy)
        #expect(run.error == nil)
        #expect(run.restarts.first?.reason == "did not answer within 200 ms and was killed (signal 9)")
        #expect(run.buffers.count == 2)
    }

    @Test func aLyingHostIsCutOffAndTheSupervisorGoesOn() async throws {
        let run = try await IsolatedRun.run(Self.chain("action=forge-message after=4"), mode: .isolated())
        #expect(run.error == nil)
        let reason = try #require(run.restarts.first?.reason)
        #expect(reason == "broke the protocol (sent a done message on the control socket while working) and was cut off (signal 9)")
        #expect(run.buffers.count == 7)
        #expect(run.buffers.allSatisfy { $0.count == 256 })
    }

    @Test func aMemoryBombIsStoppedWhileThePipelineGoesOn() async throws {
        var sandbox = ElementSandbox()
        sandbox.cgroup = CgroupLimits(memoryBytes: 64 << 20)
        let run = try await IsolatedRun.run(
            Self.chain("action=allocate after=3", buffers: 6), mode: .isolated(sandbox: sandbox))
        #expect(run.error == nil)
        #expect(run.buffers.count == 5)
        let reason = try #require(run.restarts.first?.reason)
        #expect(reason == "was killed by SIGKILL (out of memory or killed from outside)")
    }
}
