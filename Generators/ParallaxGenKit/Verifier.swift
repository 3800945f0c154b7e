import Foundation
import Parallax

/// `parallax-gen verify`: regenerates every do-not-edit file `parallax-gen` wrote and tells which would change.
///
/// ```swift
/// let verifier = Verifier(elements: ElementRegistry.stock.elements.map(\.info))
/// let report = verifier.verify([URL(fileURLWithPath: ".")])
/// report.stale        // ["Tests/…/StockByName.swift"]: regenerating would change them
/// ```
/// A do-not-edit file is recognised by its header (`GeneratedHeader`); the command on its second line says
/// how to regenerate it: `wrappers …` from `elements`, `registration …` from the element files next to it.
/// Reads the file system on the calling thread.
public struct Verifier: Sendable {
    /// The elements wrappers are generated from (the stock ones, plus plugin elements when a caller has them).
    public var elements: [ElementInfo]
    /// How the header names where `elements` came from.
    public var source: String

    /// Describes the elements of the plugins at the given paths (validating each plugin in a sandboxed host);
    /// nil when the caller cannot load plugins. `wrappers --plugin-path` and regenerating its files need it.
    public var pluginElements: (@Sendable ([String]) throws(SpecError) -> [ElementInfo])?

    /// A verifier over `elements`, loading plugin elements with `pluginElements` when a command names plugins.
    public init(
        elements: [ElementInfo], source: String = "the stock registry",
        pluginElements: (@Sendable ([String]) throws(SpecError) -> [ElementInfo])? = nil
    ) {
        self.elements = elements
        self.source = source
        self.pluginElements = pluginElements
    }

    /// What `verify` found.
    public struct Report: Sendable, Hashable {
        /// Do-not-edit files checked, as given (relative paths stay relative).
        public var checked: [String] = []
        /// Files regenerating would change.
        public var stale: [String] = []
        /// Files that could not be regenerated, with why (`file: unknown command`).
        public var failures: [String] = []

        /// Whether every checked file is current.
        public var isCurrent: Bool { stale.isEmpty && failures.isEmpty }
    }

    /// Checks every do-not-edit file in `paths` (files, or folders searched recursively).
    public func verify(_ paths: [URL]) -> Report {
        var report = Report()
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else {
                report.failures.append("\(path.relativePath): no such file or folder")
                continue
            }
            let files = isFolder.boolValue ? PackageLayout.swiftFiles(under: path) : [path]
            for file in files {
                guard let text = try? String(contentsOf: file, encoding: .utf8),
                    let command = GeneratedHeader.regenerationCommand(in: text)
                else { continue }
                let name = file.relativePath
                report.checked.append(name)
                do {
                    if try regenerate(command, at: file) != text { report.stale.append(name) }
                } catch {
                    report.failures.append("\(name): \(error)")
                }
            }
        }
        return report
    }

    /// The file `command` (the text after `parallax-gen ` on its second line) generates at `file`.
    public func regenerate(_ command: String, at file: URL) throws(SpecError) -> String {
        let words = command.split(separator: " ").map(String.init)
        var options: [String: String] = [:]
        var pluginPaths: [String] = []
        var index = 1
        while index < words.count {
            guard words[index].hasPrefix("--"), index + 1 < words.count else {
                throw SpecError(field: nil, "cannot read the command \"\(command)\"")
            }
            if words[index] == "--plugin-path" { pluginPaths.append(words[index + 1]) }
            options[words[index]] = words[index + 1]
            index += 2
        }
        switch words.first {
        case "wrappers":
            return try wrappers(
                factories: options["--elements"].map { $0.split(separator: ",").map(String.init) },
                namespace: options["--namespace"], isPublic: options["--access"] == "public", pluginPaths: pluginPaths
            ).render().file
        case "registration":
            guard let target = options["--target"] else { throw SpecError(field: "--target", "missing") }
            let root = file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let elements = PackageLayout(root: root).elements(of: target)
            return RegistrationRenderer(target: target, elements: elements.map { ($0.factory, $0.typeName) }).file
        default:
            throw SpecError(field: nil, "unknown command \"\(words.first ?? "")\"")
        }
    }

    /// The renderer for `parallax-gen wrappers` over `factories` (nil: every element), adding the elements of the
    /// plugins at `pluginPaths` (given as written, recorded in the header). Unknown factories throw.
    public func wrappers(
        factories: [String]?, namespace: String?, isPublic: Bool, pluginPaths: [String] = []
    ) throws(SpecError) -> WrapperRenderer {
        var elements = elements
        var source = source
        if !pluginPaths.isEmpty {
            guard let pluginElements else {
                throw SpecError(field: "--plugin-path", "this program cannot load plugins")
            }
            let loaded = try pluginElements(pluginPaths)
            elements += loaded.filter { info in !elements.contains { $0.factory == info.factory } }
            source += " and the plugins " + pluginPaths.joined(separator: ", ")
        }
        var chosen = elements
        if let factories {
            chosen = []
            for factory in factories {
                guard let info = elements.first(where: { $0.factory == factory }) else {
                    let hint =
                        ElementRegistry.nearest(to: factory, among: elements.map(\.factory)).first
                        .map { " (did you mean \"\($0)\"?)" } ?? ""
                    throw SpecError(field: "--elements", "no element \"\(factory)\" in \(source)\(hint)")
                }
                chosen.append(info)
            }
        }
        if let namespace, !SwiftName.isTypeName(namespace) {
            throw SpecError(field: "--namespace", "\"\(namespace)\" is not a Swift type name")
        }
        var command = "wrappers"
        for path in pluginPaths { command += " --plugin-path \(path)" }
        if let factories { command += " --elements " + factories.joined(separator: ",") }
        if let namespace { command += " --namespace \(namespace)" }
        if isPublic { command += " --access public" }
        return WrapperRenderer(
            elements: chosen, source: source, command: command, namespace: namespace, isPublic: isPublic)
    }
}
