import ArgumentParser
import Glibc
import Parallax

/// The program's entry point: runs a plain description directly, and hands everything else to the
/// argument parser.
///
/// `parallax-launch [-v] [-q] [-e] [--dot | --graph-json] WORDS...` — the common case — is recognised here
/// without swift-argument-parser, whose reflection-based parsing touches about 2.5 MiB of pages at start-up
/// (measured); that keeps the tool's start-up time and peak memory below gst-launch-1.0's. Any other
/// argument (`--help`, `--inspect`, a misspelt option) goes to `ParallaxLaunch`, which owns the full
/// syntax, help text and usage errors, so both paths accept and reject exactly the same command lines.
@main
enum Entry {
    static func main() async {
        if let plain = PlainInvocation(arguments: Array(CommandLine.arguments.dropFirst())) {
            let session = LaunchSession(
                description: plain.words.joined(separator: " "), registry: .stock, mode: plain.mode,
                verbose: plain.verbose, quiet: plain.quiet, console: Console())
            exit(await session.execute())
        }
        await ParallaxLaunch.main()
    }
}

/// A command line made only of run flags and description words (see `Entry`).
struct PlainInvocation {
    var verbose = false
    var quiet = false
    var mode = LaunchSession.Mode.run
    var words: [String] = []

    /// Nil unless every argument is `-v`, `-q`, `-e` (or their long forms), at most one of `--dot` and
    /// `--graph-json`, or a word that does not start with `-`, and there is at least one word.
    init?(arguments: [String]) {
        var dot = false, json = false
        for argument in arguments {
            switch argument {
            case "-v", "--verbose": verbose = true
            case "-q", "--quiet": quiet = true
            case "-e", "--eos-on-shutdown": break
            case "--dot": dot = true
            case "--graph-json": json = true
            default:
                guard !argument.hasPrefix("-") else { return nil }
                words.append(argument)
            }
        }
        guard !words.isEmpty, !(dot && json) else { return nil }
        mode = dot ? .dot : json ? .graphJSON : .run
    }
}
