import ArgumentParser
import ParallaxGenKit

/// A subcommand whose work is `generate()`: its errors print as `parallax-gen: error: …` with exit status 1.
protocol GeneratingCommand: ParsableCommand {
    /// Does the work; a bad spec or option throws the error to print.
    func generate() throws(SpecError)
}

extension GeneratingCommand {
    func run() throws {
        do {
            try generate()
        } catch {
            throw fail(error)
        }
    }
}
