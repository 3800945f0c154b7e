import CParallaxLinux
import Glibc
import ParallaxSandbox
import Testing

/// The cgroup layout of the machine running the tests.
private let machineCgroups = CgroupProbe.detect()

/// Cgroup detection and limits against the real /sys/fs/cgroup; every cgroup made here is removed.
@Suite(.enabled(if: getuid() == 0 && machineCgroups.controllers["memory"] != nil, "needs root, memory cgroup"))
struct CgroupTests {
    static let probe = machineCgroups

    static func name(_ test: String) -> String { "parallax-test-\(test)-\(getpid())" }

    @Test func detectsTheMachinesLayout() throws {
        let memory = try #require(Self.probe.controllers["memory"])
        var info = stat()
        let hasV1Memory = stat("/sys/fs/cgroup/memory", &info) == 0
        #expect(memory.version == (hasV1Memory ? .v1 : .v2))
        #expect(stat(memory.directory, &info) == 0)
        if hasV1Memory, let hugetlb = Self.probe.controllers["hugetlb"], stat("/sys/fs/cgroup/hugetlb", &info) != 0 {
            #expect(hugetlb.version == .v2)  // this project's machines: hybrid, v2 offers only hugetlb
        }
    }

    @Test func createsAndDestroysAllControllers() throws {
        let limits = CgroupLimits(memoryBytes: 64 << 20, cpuQuotaMicroseconds: 50_000, pids: 16)
        let group = try Self.probe.create(name: Self.name("limits"), limits: limits)
        #expect(group.exists)
        #expect(group.destroy())
        #expect(!group.exists)
    }

    @Test func missingControllerIsNamed() {
        let empty = CgroupProbe(root: "/nonexistent", controllers: [:])
        #expect(throws: SandboxError.controllerMissing("memory")) {
            try empty.create(name: "x", limits: CgroupLimits(memoryBytes: 1 << 20))
        }
    }

    @Test func memoryLimitKillsAChildThatAllocatesBeyondIt() throws {
        let group = try Self.probe.create(name: Self.name("oom"), limits: CgroupLimits(memoryBytes: 32 << 20))
        defer { group.destroy() }
        var sandbox = ElementSandbox.strict(.compute)
        sandbox.violationAction = .errno(EPERM)
        let big = try ProbeOutcome.run(sandbox, probe: Int32(PX_PROBE_ALLOCATE), bytes: 128 << 20) {
            try group.move(pid: $0)
        }
        #expect(big.report == nil)
        #expect(big.signal == SIGKILL)
        let small = try ProbeOutcome.run(sandbox, probe: Int32(PX_PROBE_ALLOCATE), bytes: 8 << 20) {
            try group.move(pid: $0)
        }
        let report = try #require(small.report)
        #expect(report.rc == 0 && report.value == 8 << 20)
        #expect(group.destroy())
        #expect(!group.exists)
    }
}
