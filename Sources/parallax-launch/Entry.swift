import ArgumentParser
import Dispatch
import Glibc
import Synchronization
import Parallax
import ParallaxSandbox

/// The program's entry point: runs a plain description directly, and hands everything else to the
/// argument parser.
///
/// `parallax-launch [-v] [-m] [-q] [-e] [--strict] [--dot | --graph-json] WORDS...` — the common case — is recognised here
/// without swift-argument-parser, whose reflection-based parsing touches about 2.5 MiB of pages at start-up
/// (measured); that keeps the tool's start-up time and peak memory below gst-launch-1.0's. Any other
/// argument (`--help`, `--inspect`, a misspelt option) goes to `ParallaxLaunch`, which owns the full
/// syntax, help text and usage errors, so both paths accept and reject exactly the same command lines.
/// `parallax-launch deploy ...` goes to `DeployCommand`.
///
/// `main` is synchronous and waits for the async work on a semaphore rather than being `async`: an async
/// `main` ends the main thread with `dispatch_main()` → `pthread_exit`, whose forced unwind makes a
/// statically linked binary sort every unwind table entry first (12 ms of start-up, measured).
@main
enum Entry {
    static func main() {
        // An element host re-executes this program: serve as one before anything else starts.
        ParallaxHost.runIfRequested(registry: LaunchRegistry.base)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "deploy" {
            let rest = Array(arguments.dropFirst())
            exit(waitFor {
                await DeployCommand.main(rest)
                return 0
            })
        }
        if let plain = PlainInvocation(arguments: arguments) {
            let console = Console()
            let registry = LaunchRegistry.loading(paths: [], trusted: [], console: console)
            let session = LaunchSession(
                description: plain.words.joined(separator: " "), registry: registry, mode: plain.mode,
                verbose: plain.verbose, messages: plain.messages, quiet: plain.quiet, strict: plain.strict,
                console: console)
            exit(waitFor { await session.execute() })
        }
        exit(waitFor {
            await ParallaxLaunch.main()
            return 0
        })
    }

    /// Runs `work` on the cooperative pool and blocks the main thread until it returns.
    private static func waitFor(_ work: @escaping @Sendable () async -> Int32) -> Int32 {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Int32>(0)
        Task.detached {
            let status = await work()
            result.withLock { $0 = status }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 }
    }
}

/// A command line made only of run flags and description words (see `Entry`).
struct PlainInvocation {
    var verbose = false
    var messages = false
    var quiet = false
    var strict = false
    var mode = LaunchSession.Mode.run
    var words: [String] = []

    /// Nil unless every argument is `-v`, `-m`, `-q`, `-e` (or their long forms), `--strict`, at most one of `--dot` and
    /// `--graph-json`, or a word that does not start with `-`, and there is at least one word.
    init?(arguments: [String]) {
        var dot = false, json = false
        for argument in arguments {
            switch argument {
            case "-v", "--verbose": verbose = true
            case "-m", "--messages": messages = true
            case "-q", "--quiet": quiet = true
            case "-e", "--eos-on-shutdown": break
            case "--strict": strict = true
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
