import Foundation

/// What `parallax-gen` reads of a Swift package: whether it has a `Package.swift`, its targets, and the
/// elements generated into a target.
///
/// ```swift
/// let layout = PackageLayout(root: URL(fileURLWithPath: "my-elements"))
/// layout.targets                       // ["MyElements"] (the folders under Sources)
/// layout.elements(of: "MyElements")    // [(factory: "brightness", typeName: "Brightness", path: "Sources/MyElements/Brightness.swift")]
/// ```
/// Reads the file system on the calling thread.
public struct PackageLayout: Sendable {
    /// The package folder.
    public var root: URL

    /// The layout of the package at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Whether the package has a manifest.
    public var hasManifest: Bool { exists("Package.swift") }

    /// Whether `path` (relative to the package) exists.
    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// The folders under `Sources`, sorted.
    public var targets: [String] {
        let sources = root.appendingPathComponent("Sources")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(
                    atPath: sources.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }

    /// The elements `parallax-gen element` wrote into `target` (files whose second line is
    /// `// parallax-gen element: factory TypeName`), sorted by path.
    public func elements(of target: String) -> [(factory: String, typeName: String, path: String)] {
        Self.swiftFiles(under: root.appendingPathComponent("Sources/\(target)")).compactMap { url in
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                let element = GeneratedHeader.element(in: text)
            else { return nil }
            let path =
                "Sources/\(target)/"
                + url.path.dropFirst(root.appendingPathComponent("Sources/\(target)").path.count + 1)
            return (element.factory, element.typeName, path)
        }.sorted { $0.path < $1.path }
    }

    /// Every `.swift` and `.md` file under `folder`, skipping hidden folders and `.build`, sorted.
    static func swiftFiles(under folder: URL, extensions: Set<String> = ["swift"]) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            if url.lastPathComponent == ".build" || url.lastPathComponent == "checkouts" {
                enumerator.skipDescendants()
                continue
            }
            if extensions.contains(url.pathExtension),
                (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
