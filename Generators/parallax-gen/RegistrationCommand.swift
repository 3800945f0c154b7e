import ArgumentParser
import Foundation
import ParallaxGenKit

/// `parallax-gen registration`: rewrites a target's registration from its element files.
struct RegistrationCommand: GeneratingCommand {
    static let configuration = CommandConfiguration(
        commandName: "registration",
        abstract: "Rewrites a target's ElementRegistry registration from the element files parallax-gen wrote.")

    @Option(help: "The package folder.")
    var package: String = "."

    @Option(help: "The package target.")
    var target: String

    func generate() throws(SpecError) {
        let layout = PackageLayout(root: URL(fileURLWithPath: package))
        let renderer = RegistrationRenderer(
            target: target, elements: layout.elements(of: target).map { ($0.factory, $0.typeName) })
        var transaction = FileTransaction(root: layout.root)
        transaction.add(renderer.path, contents: renderer.file)
        try transaction.commit()
        print("wrote \(package)/\(renderer.path)")
    }
}
