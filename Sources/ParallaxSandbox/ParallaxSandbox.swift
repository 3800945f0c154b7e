// ParallaxSandbox: process isolation for elements — sandbox policies applied in element hosts
// (namespaces, privilege drop, resource limits, cgroups, seccomp allowlists).
