import ArgumentParser
import Foundation
import Parallax
import ParallaxGenKit

/// `parallax-gen`: writes element stubs and typed wrappers, and checks generated files are current.
@main
struct ParallaxGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallax-gen",
        abstract: "Generates Parallax element stubs and typed builder wrappers, and checks generated files.",
        subcommands: [ElementCommand.self, WrappersCommand.self, RegistrationCommand.self, VerifyCommand.self])
}

/// The elements `wrappers` and `verify` know by their infos: the stock registry's. Elements from elsewhere
/// (plugins) join here.
func knownElements() -> Verifier {
    Verifier(elements: ElementRegistry.stock.elements.map(\.info), source: "the stock registry")
}

/// Prints `error` as `parallax-gen: error: …` and exits with status 1.
func fail(_ error: SpecError) -> ExitCode {
    FileHandle.standardError.write(Data("parallax-gen: error: \(error)\n".utf8))
    return ExitCode(1)
}
