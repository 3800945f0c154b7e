import ArgumentParser
import Foundation
import ParallaxGenKit

/// `parallax-gen verify`: fails when a committed do-not-edit generated file is not what regenerating gives.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Regenerates every do-not-edit generated file under the paths; fails naming each that would change.")

    @Argument(help: "Files or folders to check (default: the current folder).")
    var paths: [String] = ["."]

    func run() throws {
        let verifier = knownElements()
        let report = verifier.verify(paths.map { URL(fileURLWithPath: $0) })
        for file in report.stale {
            FileHandle.standardError.write(Data("parallax-gen: \(file) is out of date: regenerate it\n".utf8))
        }
        for failure in report.failures {
            FileHandle.standardError.write(Data("parallax-gen: \(failure)\n".utf8))
        }
        guard report.isCurrent else { throw ExitCode(1) }
        print("\(report.checked.count) generated file(s) current")
    }
}
