import ArgumentParser
import Foundation
import ParallaxGenKit

/// `parallax-gen wrappers`: typed builder wrappers for elements known by name.
struct WrappersCommand: GeneratingCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrappers",
        abstract: "Writes typed builder wrappers for elements known by name, and lists the ones to type by hand.",
        discussion: """
            An element gets a wrapper when its pad templates name one media type in one fixed format each. \
            The file is do-not-edit: `parallax-gen verify` fails when regenerating it would change it.
            """)

    @Option(help: "Comma-separated factory names (default: every element of the registry).")
    var elements: String?

    @Option(help: "An enum to nest the wrappers in.")
    var namespace: String?

    @Option(help: "internal or public.")
    var access: String = "internal"

    @Option(
        name: .customLong("plugin-path"),
        help: "A plugin file or folder whose elements join the registry's (repeatable; validated in a sandboxed host).")
    var pluginPaths: [String] = []

    @Option(help: "The file to write (default: print to standard output).")
    var output: String?

    func generate() throws(SpecError) {
        guard access == "internal" || access == "public" else {
            throw SpecError(field: "--access", "\"\(access)\" is not internal or public")
        }
        let verifier = knownElements()
        let renderer = try verifier.wrappers(
            factories: elements.map { $0.split(separator: ",").map(String.init) }, namespace: namespace,
            isPublic: access == "public", pluginPaths: pluginPaths)
        let (file, skipped) = renderer.render()
        if let output {
            var transaction = FileTransaction(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            transaction.add(output, contents: file)
            try transaction.commit()
            print("wrote \(output): \(renderer.elements.count - skipped.count) wrapper(s)")
        } else {
            print(file, terminator: "")
        }
        if !skipped.isEmpty {
            FileHandle.standardError.write(
                Data("Type these by hand (their pad templates do not determine a media type):\n".utf8))
            for skip in skipped { FileHandle.standardError.write(Data("  \(skip)\n".utf8)) }
        }
    }
}
