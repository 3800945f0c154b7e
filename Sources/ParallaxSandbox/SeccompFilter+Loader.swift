import CSeccomp
import Glibc

extension SeccompFilter {
    /// The filter an element host loads plugins under: the profile's allowlist, plus what the dynamic loader
    /// needs — `open`/`openat` for reading only (no `O_CREAT`, `O_TRUNC`, `O_APPEND`, `O_TMPFILE`, write
    /// access), `fstat`, `lseek`, `pread64` — and `seccomp`, so the host can stack the profile's own filter
    /// once the libraries are loaded. Plugin code (its ELF initialisers) therefore never runs unfiltered:
    /// it may read files that user nobody can read in the host's private mount namespace, but not write,
    /// connect, start programs or signal others.
    ///
    /// ```swift
    /// let loader = try SeccompFilter(loadingPluginsFor: .compute, violation: .killProcess).exportBPF()
    /// ```
    /// Thread: the host's only thread, before it loads plugins.
    public convenience init(loadingPluginsFor profile: SandboxProfile, violation: SeccompViolationAction)
        throws(SandboxError)
    {
        try self.init(violation: violation)
        let additions = Self.additions(for: profile)
        for name in Self.baseline + additions + ["seccomp"] {
            try allow(name)
        }
        for name in ["fstat", "lseek", "pread64"] where !additions.contains(name) {
            try allow(name)
        }
        try answer("clone3", errno: ENOSYS)
        try allowReadOnlyOpens()
        try allowCloneThreadsOnly()
        if !additions.contains("fcntl") { try allowSealQueriesOnly() }
        try allowSignalsToSelfOnly()
    }
}
