import Glibc

/// This process's environment variables, for the processes it starts (element hosts, deployed pipelines).
///
/// ```swift
/// let home = ProcessEnvironment.current()["HOME"]
/// let block = ProcessEnvironment.entries(overriding: ["RUST_LOG": "debug"])   // ["HOME=/root", "RUST_LOG=debug", …]
/// ```
/// Thread: any, as long as nothing changes the environment meanwhile (`setenv`).
public enum ProcessEnvironment {
    /// Every variable of this process, by name (the last one wins when a name appears twice).
    public static func current() -> [String: String] {
        var variables: [String: String] = [:]
        var cursor: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        while let entry = cursor?.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            cursor = cursor?.advanced(by: 1)
        }
        return variables
    }

    /// This process's variables with `overrides` replacing or adding some, as `NAME=value` texts sorted by
    /// name: the environment block for a process being started.
    public static func entries(overriding overrides: [String: String]) -> [String] {
        current().merging(overrides) { _, new in new }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}
