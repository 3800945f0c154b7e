import Glibc
import ParallaxSandbox
import Testing

/// The policy description and the filter builder, without applying anything.
@Suite struct SandboxPolicyTests {
    @Test func descriptionIsExact() {
        #expect(
            ElementSandbox.strict(.compute).description
                == "sandbox(profile=compute namespaces=mount,net,ipc,uts hostname=parallax user=65534:65534 "
                + "no-new-privs=yes pdeathsig=9 rlimits=as:-,cpu:-,nofile:-,nproc:- cgroup=- violation=kill "
                + "fallback=no)")
        let custom = ElementSandbox(
            profile: .files, namespaces: [], hostname: nil, dropToNobody: false, noNewPrivileges: false,
            parentDeathSignal: nil, limits: ResourceLimits(addressSpaceBytes: 1 << 30, cpuSeconds: 60, openFiles: 64),
            cgroup: CgroupLimits(memoryBytes: 1 << 26, cpuQuotaMicroseconds: 50_000, pids: 16),
            violationAction: .errno(1), allowsFallback: true)
        #expect(
            custom.description
                == "sandbox(profile=files namespaces=- hostname=- user=- no-new-privs=no pdeathsig=- "
                + "rlimits=as:1073741824,cpu:60,nofile:64,nproc:- cgroup=memory:67108864,cpu:50000/100000,pids:16 "
                + "violation=errno:1 fallback=yes)")
    }

    @Test func filtersBuildForEveryProfile() throws {
        for profile in SandboxProfile.allCases {
            for action in [SeccompViolationAction.killProcess, .errno(EPERM)] {
                let bpf = try SeccompFilter(profile: profile, violation: action).exportBPF()
                #expect(!bpf.isEmpty && bpf.count % 8 == 0)
            }
        }
        let filter = try SeccompFilter(violation: .killProcess)
        #expect(throws: SandboxError.self) { try filter.allow("no_such_syscall") }
    }
}
