import ArgumentParser
import Foundation
import ParallaxGenKit

/// `parallax-gen element`: a new element in a package, from options or a YAML spec.
struct ElementCommand: GeneratingCommand {
    static let configuration = CommandConfiguration(
        commandName: "element",
        abstract: "Writes a new element (stub, registration, harness test, docs page) into a package.",
        discussion: """
            The element's processing method throws "… is not written yet" until you write it, so its generated \
            test fails until then. Nothing is written when any check fails.
            Example: parallax-gen element brightness --kind transform --input video/x-raw,format=RGBA \
            --property 'adjustment:int=0[-255...255]' --package my-elements --parallax-path ../parallax
            """)

    @Argument(help: "The factory name (lowercase letters, digits and dashes).")
    var name: String?

    @Option(help: "A YAML spec instead of the options below (see docs/parallax-gen.md).")
    var spec: String?

    @Option(help: "source, transform or sink.")
    var kind: String?

    @Option(
        help:
            "Caps of what the element consumes (video/x-raw,format=RGBA, audio/x-raw,format=S16LE, video/x-av1, ANY, bytes)."
    )
    var input: String?

    @Option(help: "Caps of what the element produces (a transform's defaults to its input).")
    var output: String?

    @Option(name: .customLong("property"), help: "A property, name:type=default[range]; repeat for more.")
    var properties: [String] = []

    @Option(help: "What the element does, one sentence.")
    var description: String?

    @Option(help: "The package folder to write into (created if missing).")
    var package: String

    @Option(help: "The package target (default: the spec's, or the package's only target).")
    var target: String?

    @Option(help: "For a new package: the path of the Parallax checkout to depend on.")
    var parallaxPath: String?

    @Option(help: "For a new package: the git URL of Parallax to depend on (with --parallax-version).")
    var parallaxURL: String?

    @Option(help: "For a new package: the lowest Parallax version, with --parallax-url.")
    var parallaxVersion: String = "0.1.0"

    func generate() throws(SpecError) {
        var draft: ElementSpec.Draft
        let source: String
        if let spec {
            guard name == nil, kind == nil, input == nil, output == nil, properties.isEmpty else {
                throw SpecError(field: "--spec", "give either a spec file or the element's options, not both")
            }
            let text: String
            do {
                text = try String(contentsOfFile: spec, encoding: .utf8)
            } catch {
                throw SpecError(field: "--spec", "cannot read \(spec)")
            }
            draft = try ElementSpec.Draft(yaml: text)
            source = URL(fileURLWithPath: spec).lastPathComponent
        } else {
            draft = ElementSpec.Draft(
                name: name, kind: kind, input: input, output: output, properties: properties, description: description)
            source = "the command line"
        }
        if let description, spec != nil { draft.description = description }
        let dependency: PackageRenderer.Dependency? =
            parallaxPath.map { .path($0) } ?? parallaxURL.map { .url($0, from: parallaxVersion) }
        let generator = ElementGenerator(
            spec: try ElementSpec(draft), package: URL(fileURLWithPath: package), target: target,
            parallax: dependency, source: source)
        for path in try generator.run() { print("wrote \(package)/\(path)") }
    }
}
