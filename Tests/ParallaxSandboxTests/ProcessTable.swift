import Glibc

/// What `/proc` says about this test process: its children and open descriptors.
enum ProcessTable {
    /// Pids of this process's children (every thread's `children` list).
    static func children() -> [Int32] {
        var pids: [Int32] = []
        for task in entries("/proc/self/task") {
            guard let text = read("/proc/self/task/\(task)/children") else { continue }
            pids += text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return pids.sorted()
    }

    /// How many descriptors `pid` has open (`self` for this process).
    static func descriptorCount(_ pid: String = "self") -> Int {
        entries("/proc/\(pid)/fd").count
    }

    /// The executable `pid` was started from (`/proc/<pid>/exe`), or nil once it has gone.
    static func executable(of pid: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/\(pid)/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Descriptors of this process whose target names a memfd called `prefix…` (arenas of one pipeline).
    static func memfds(named prefix: String) -> Int {
        entries("/proc/self/fd").filter { fd in
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
            guard count > 0 else { return false }
            return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .hasPrefix("/memfd:\(prefix)")
        }.count
    }

    private static func entries(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return count > 0 ? String(decoding: bytes[..<count], as: UTF8.self) : ""
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension Set<Character> {
    fileprivate static var whitespacesAndNewlines: Set<Character> { [" ", "\n", "\t"] }
}
