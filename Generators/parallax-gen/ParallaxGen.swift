import ArgumentParser
import Foundation
import Parallax
import ParallaxGenKit
import ParallaxSandbox

/// `parallax-gen`: writes element stubs and typed wrappers, and checks generated files are current.
@main
struct ParallaxGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallax-gen",
        abstract: "Generates Parallax element stubs and typed builder wrappers, and checks generated files.",
        subcommands: [ElementCommand.self, WrappersCommand.self, RegistrationCommand.self, VerifyCommand.self])
}

/// The elements `wrappers` and `verify` know by their infos: the stock registry's, and the elements of plugins a
/// command names with `--plugin-path`, each validated in a sandboxed element host (never loaded here).
func knownElements() -> Verifier {
    Verifier(elements: ElementRegistry.stock.elements.map(\.info), source: "the stock registry") {
        (paths: [String]) throws(SpecError) -> [ElementInfo] in
        var registry = ElementRegistry()
        let report = PluginLoader(paths: paths).load(into: &registry)
        if let rejection = report.rejected.first {
            throw SpecError(field: "--plugin-path", "\(rejection)")
        }
        return registry.elements.map(\.info)
    }
}

/// Prints `error` as `parallax-gen: error: …` and exits with status 1.
func fail(_ error: SpecError) -> ExitCode {
    FileHandle.standardError.write(Data("parallax-gen: error: \(error)\n".utf8))
    return ExitCode(1)
}
