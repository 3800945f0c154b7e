import Dispatch
import Glibc
import Parallax
import ParallaxSandbox

/// One `parallax-launch` invocation with a description: parse it, then print its graph (`--graph-json`),
/// draw it (`--dot`) or run it to end-of-stream, printing what gst-launch prints.
///
/// ```
/// Setting pipeline to PAUSED ...
/// Setting pipeline to PLAYING ...
/// Got EOS from pipeline.
/// Execution ended after 0:00:00.000731538
/// Setting pipeline to NULL ...
/// Freeing pipeline ...
/// ```
/// The first SIGINT sends end-of-stream and waits for it to drain; a second stops at once (exit 130), leaving
/// without the stop if it has not finished within 2 seconds; a third leaves at once. Errors go to standard
/// error; the result is an `ExitStatus` code.
/// Thread: `execute` runs in the command's task; interrupts and progress run on their own queues.
struct LaunchSession: Sendable {
    /// What to do with the parsed description.
    enum Mode: Sendable, Equatable {
        /// Run the pipeline to end-of-stream.
        case run
        /// Negotiate, print the graph as Graphviz DOT, and stop.
        case dot
        /// Negotiate, print the graph (inserted converters and fixed caps included) as JSON, and stop.
        case graphJSON
    }

    /// How long a stop asked for by a second interrupt may take before the process leaves without it.
    static let stopGraceSeconds = 2

    /// The launch description (the command-line words joined with spaces).
    var description: String
    /// The factories the description may name.
    var registry: ElementRegistry
    /// What to do.
    var mode: Mode
    /// Print negotiated caps (`-v`).
    var verbose = false
    /// Print the messages elements post (`-m`).
    var messages = false
    /// Leave out the status lines (`-q`).
    var quiet = false
    /// Fail instead of inserting converters (`--strict`).
    var strict = false
    /// Where to write.
    var console: Console
    /// Where the elements run.
    var execution: ExecutionMode = .inProcess

    /// Runs the session and returns the process's exit status.
    func execute() async -> Int32 {
        let graph: Graph
        do {
            graph = try LaunchParser(registry: registry).parse(description)
        } catch {
            console.err(error.description + "\n")
            return ExitStatus.descriptionError
        }
        let pipeline: Pipeline
        do {
            let plugins = graph.nodes.contains { registry[$0.factory].flatMap(PluginOrigin.init) != nil }
            let placement =
                execution == .inProcess && !plugins
                ? nil : IsolatingPlacement(mode: execution, executable: LaunchRegistry.hostExecutable)
            pipeline = try Pipeline(graph, registry: registry, strict: strict, placement: placement)
        } catch {
            console.err(error.rendered(in: description))
            return error.exitStatus
        }
        switch mode {
        case .dot: return drawGraph(pipeline)
        case .graphJSON: return printGraph(pipeline)
        case .run: return await play(pipeline)
        }
    }

    /// `--graph-json`: negotiates without starting anything and prints the graph that would run.
    private func printGraph(_ pipeline: Pipeline) -> Int32 {
        do {
            let negotiated = try pipeline.negotiate()
            console.outDocument(GraphJSON(graph: negotiated.graph, linkCaps: negotiated.linkCaps).text)
            return ExitStatus.success
        } catch {
            console.err(error.rendered(in: description))
            return error.exitStatus
        }
    }

    /// `--dot`: negotiates (PAUSED), prints the DOT graph, returns to NULL.
    private func drawGraph(_ pipeline: Pipeline) -> Int32 {
        let printer = BusPrinter(console: console, verbose: false)
        pipeline.bus.observe { printer.handle($0) }
        do {
            try pipeline.setState(.paused)
        } catch {
            console.err(error.rendered(in: description))
            try? pipeline.setState(.null)
            return error.exitStatus
        }
        let graph = pipeline.negotiated?.graph ?? pipeline.graph
        let caps: [Caps?] = pipeline.negotiated.map { $0.linkCaps.map(Optional.some) } ?? graph.links.map(\.caps)
        let roles = graph.nodes.map { registry[$0.factory]?.info.role }
        console.outDocument(GraphDot(graph: graph, linkCaps: caps, roles: roles, title: description).text)
        do {
            try pipeline.setState(.null)
        } catch {
            console.err(error.rendered(in: description))
            return error.exitStatus
        }
        return ExitStatus.success
    }

    /// Runs the pipeline to end-of-stream (or an error, or an interrupt).
    private func play(_ pipeline: Pipeline) async -> Int32 {
        let printer = BusPrinter(console: console, verbose: verbose, messages: messages)
        pipeline.bus.observe { printer.handle($0) }
        if verbose {
            for line in pipeline.placementDescription { console.out("/pipeline0/\(line)") }
        }
        let console = self.console
        let interrupts = InterruptHandler { action in
            switch action {
            case .sendEndOfStream:
                console.out("Interrupt: Stopping pipeline ...")
                console.out("EOS on shutdown enabled -- waiting for EOS after Interrupt")
                console.out("(interrupt again to stop at once)")
                pipeline.sendEndOfStream()
            case .stop:
                console.out("Interrupt: Stopping pipeline at once ...")
                pipeline.stop()
                // An element stuck in a system call can keep its thread, and so the stop, from finishing.
                DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Self.stopGraceSeconds)) {
                    console.err("Pipeline did not stop within \(Self.stopGraceSeconds) seconds: exiting.\n")
                    _exit(ExitStatus.interrupted)
                }
            case .exit:
                console.err("Interrupted while stopping: exiting at once.\n")
                _exit(ExitStatus.interrupted)
            }
        }
        defer { interrupts.cancel() }

        status("Setting pipeline to PAUSED ...")
        do {
            try pipeline.setState(.paused)
        } catch {
            console.err(error.rendered(in: description))
            status("Setting pipeline to NULL ...")
            try? pipeline.setState(.null)
            status("Freeing pipeline ...")
            return error.exitStatus
        }
        // An interrupt that came while the pipeline was being built found nothing to stop: tell it again.
        if interrupts.wantsEndOfStream { pipeline.sendEndOfStream() }
        if interrupts.wantsStop { pipeline.stop() }

        let sinks = Set(pipeline.graph.nodes.filter { registry[$0.factory]?.info.role == .sink }.map(\.name))
        status("Setting pipeline to PLAYING ...")
        let started = ContinuousClock.now
        let progress = ProgressReporter(console: console) {
            pipeline.statistics.filter { sinks.contains($0.element) }.reduce(0) { $0 + $1.buffers }
        }
        var result = ExitStatus.success
        do {
            try await pipeline.run()
        } catch {
            progress.stop()
            console.err(error.rendered(in: description))
            result = error.exitStatus
        }
        progress.stop()
        let elapsed = ClockTime(nanoseconds: ProgressReporter.nanoseconds(ContinuousClock.now - started))
        if result == ExitStatus.success {
            if printer.sawEndOfStream {
                status("Got EOS from pipeline.")
            } else if interrupts.wantsStop {
                result = ExitStatus.interrupted
            }
        }
        status("Execution ended after \(elapsed)")
        status("Setting pipeline to NULL ...")
        status("Freeing pipeline ...")
        return result
    }

    /// A status line on standard output, unless `-q`.
    private func status(_ line: String) {
        if !quiet { console.out(line) }
    }
}
