import ArgumentParser
import Parallax
import ParallaxSandbox

/// The `parallax-launch` command: build a pipeline from a gst-launch description and run it, or describe
/// elements and graphs.
///
/// ```
/// parallax-launch videotestsrc num-buffers=100 '!' video/x-raw,format=I420 '!' fakesink
/// parallax-launch "videotestsrc num-buffers=100 ! fakesink"      # one word works too
/// parallax-launch --inspect videotestsrc
/// ```
/// The words of the description are joined with single spaces and parsed as one string, as
/// `gst_parse_launch()` does. See `docs/cli.md` for every option, the exit codes and the output formats.
/// Thread: the command's task; see `LaunchSession` for what runs elsewhere.
struct ParallaxLaunch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallax-launch",
        abstract: "Build and run a Parallax pipeline from a gst-launch description.",
        usage: """
            parallax-launch [-v] [-m] [-q] [-e] [--strict] [--dot | --graph-json] <description> ...
            parallax-launch [--isolated | --isolate <pattern> ... | --group <name>=<id> ...] <description> ...
            parallax-launch [--sandbox compute|network|files] <description> ...
            parallax-launch [--plugin-path <dir> ...] [--trust-plugin-element <name> ...] <description> ...
            parallax-launch --list-elements
            parallax-launch --inspect <name>
            parallax-launch deploy [--dry-run | --emit-systemd <dir>] [--set <var>=<value> ...] <file>
            """,
        discussion: """
            The description's words are joined with spaces and parsed as one string, so \
            `parallax-launch "fakesrc ! fakesink"` and `parallax-launch fakesrc '!' fakesink` are the same.

            Exit status: 0 on success, 1 when an element fails at run time, 2 for an error in the description \
            (syntax, elements, properties, formats) or an unknown --inspect name, 64 for a usage error, \
            130 when a second interrupt stopped the pipeline.

            Plugins are loaded from every --plugin-path and from PARALLAX_PLUGIN_PATH (directories separated by \
            colons); each is validated in a sandboxed element host, and its elements run in sandboxed hosts \
            unless trusted with --trust-plugin-element.
            """)

    @Flag(name: .shortAndLong, help: "Print the caps negotiated on every link.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print the messages elements post on the bus (level, fpsdisplaysink).")
    var messages = false

    @Flag(name: .shortAndLong, help: "Do not print the status lines (errors are still printed).")
    var quiet = false

    @Flag(
        name: [.customShort("e"), .customLong("eos-on-shutdown")],
        help: "Send end-of-stream on the first interrupt and wait for it (the default; kept for gst-launch).")
    var eosOnShutdown = false

    @Flag(help: "Fail instead of inserting converters where elements cannot agree on a format.")
    var strict = false

    @Flag(name: .customLong("list-elements"), help: "List every element factory and exit.")
    var listElements = false

    @Option(
        name: .customLong("inspect"), help: ArgumentHelp("Describe one element factory and exit.", valueName: "name"))
    var inspect: String?

    @Flag(help: "Negotiate, print the pipeline as a Graphviz DOT graph and exit without running.")
    var dot = false

    @Flag(
        name: .customLong("graph-json"),
        help: "Negotiate, print the graph (inserted converters and caps included) as JSON and exit without running.")
    var graphJSON = false

    @Flag(help: "Run every element in its own sandboxed element host.")
    var isolated = false

    @Option(
        name: .customLong("sandbox"),
        help: ArgumentHelp(
            "Run elements in sandboxed hosts under this profile: compute, network (sockets, in the host's network) "
                + "or files; alone, every element is isolated.",
            valueName: "profile"))
    var sandboxProfile: String?

    @Option(
        name: .customLong("isolate"),
        help: ArgumentHelp(
            "Run elements whose factory or name matches this shell pattern in sandboxed hosts (repeatable).",
            valueName: "pattern"))
    var isolatePatterns: [String] = []

    @Option(
        name: .customLong("group"),
        help: ArgumentHelp("Run the named element in the host of group ID, shared with its other members (repeatable).",
            valueName: "name=id"))
    var groupAssignments: [String] = []

    @Option(
        name: .customLong("plugin-path"),
        help: ArgumentHelp("Load the plugins (.so files) in this directory (repeatable).", valueName: "dir"))
    var pluginPaths: [String] = []

    @Option(
        name: .customLong("trust-plugin-element"),
        help: ArgumentHelp(
            "Run this plugin element in this process instead of a sandboxed host (repeatable).", valueName: "name"))
    var trustedPluginElements: [String] = []

    @Argument(help: ArgumentHelp("The pipeline description.", valueName: "description"))
    var words: [String] = []

    func validate() throws {
        let reports = [listElements, inspect != nil].filter { $0 }.count
        if reports > 1 { throw ValidationError("--list-elements and --inspect cannot be used together.") }
        if reports == 1 {
            if !words.isEmpty { throw ValidationError("--list-elements and --inspect take no pipeline description.") }
            if dot || graphJSON { throw ValidationError("--dot and --graph-json need a pipeline description.") }
            return
        }
        if dot && graphJSON { throw ValidationError("--dot and --graph-json cannot be used together.") }
        if let sandboxProfile, SandboxProfile(rawValue: sandboxProfile) == nil {
            throw ValidationError("--sandbox takes compute, network or files, got \"\(sandboxProfile)\".")
        }
        for assignment in groupAssignments where Self.group(assignment) == nil {
            throw ValidationError("--group takes NAME=ID, got \"\(assignment)\".")
        }
        if words.isEmpty { throw ValidationError("Missing pipeline description.") }
    }

    func run() async throws {
        let console = Console()
        let registry = LaunchRegistry.loading(paths: pluginPaths, trusted: trustedPluginElements, console: console)
        let status: Int32
        if listElements {
            console.outDocument(ElementListing(registry: registry).text)
            status = ExitStatus.success
        } else if let inspect {
            status = Self.inspect(inspect, registry: registry, console: console)
        } else {
            let mode: LaunchSession.Mode = dot ? .dot : graphJSON ? .graphJSON : .run
            let session = LaunchSession(
                description: words.joined(separator: " "), registry: registry, mode: mode, verbose: verbose,
                messages: messages, quiet: quiet, strict: strict, console: console, execution: execution)
            status = await session.execute()
        }
        if status != ExitStatus.success { throw ExitCode(status) }
    }

    /// Prints the `--inspect` report of `name`, or says there is no such element (with suggestions).
    /// The execution mode the isolation options ask for.
    var execution: ExecutionMode {
        let profile = sandboxProfile.flatMap(SandboxProfile.init(rawValue:))
        let sandbox = profile.map(Self.sandbox(for:)) ?? ElementSandbox()
        let selective = !isolatePatterns.isEmpty || !groupAssignments.isEmpty
        if isolated || (profile != nil && !selective) { return .isolated(sandbox: sandbox) }
        if !selective { return .inProcess }
        var groups: [String: String] = [:]
        for (name, id) in groupAssignments.compactMap(Self.group) { groups[name] = id }
        return .grouped(isolate: isolatePatterns, groups: groups, sandbox: sandbox)
    }

    /// The sandbox `--sandbox profile` gives each host: the strict policy with that profile, in the host's
    /// network namespace for `network` (a private one would have no route anywhere).
    static func sandbox(for profile: SandboxProfile) -> ElementSandbox {
        var sandbox = ElementSandbox.strict(profile)
        if profile == .network { sandbox.namespaces.remove(.network) }
        return sandbox
    }

    /// `NAME=ID` split, or nil when either side is empty.
    static func group(_ assignment: String) -> (String, String)? {
        guard let equals = assignment.firstIndex(of: "=") else { return nil }
        let name = String(assignment[..<equals])
        let id = String(assignment[assignment.index(after: equals)...])
        return name.isEmpty || id.isEmpty ? nil : (name, id)
    }

    static func inspect(_ name: String, registry: ElementRegistry, console: Console) -> Int32 {
        guard let entry = registry[name] else {
            var text = "No such element \"\(name)\"\n"
            let names = registry.suggestions(for: name).map { "\"\($0)\"" }
            if let last = names.last {
                text +=
                    names.count == 1
                    ? "did you mean \(last)?\n"
                    : "did you mean \(names.dropLast().joined(separator: ", ")) or \(last)?\n"
            }
            console.err(text)
            return ExitStatus.descriptionError
        }
        console.outDocument(ElementInspector(info: entry.info, origin: PluginOrigin(entry)).text)
        return ExitStatus.success
    }
}
