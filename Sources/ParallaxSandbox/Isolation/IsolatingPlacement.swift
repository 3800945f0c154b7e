import Glibc
import ParallaxCore
import ParallaxRuntime

/// The `ElementPlacement` behind `ExecutionMode`: decides which host each element runs in, spawns hosts
/// as the pipeline starts, and hands the pipeline proxies for the hosted elements.
///
/// The host executable is the running program when it calls `ParallaxHost.runIfRequested` (so its own
/// elements can be isolated), otherwise the stock `parallax-element-host` installed beside it.
public struct IsolatingPlacement: ElementPlacement {
    /// The mode.
    public var mode: ExecutionMode
    /// Sandboxes for particular elements, by element name, replacing the mode's.
    public var sandboxes: [String: ElementSandbox]
    /// What to do when a host crashes.
    public var restartPolicy: RestartPolicy
    /// The host executable; nil chooses as described above.
    public var executable: String?

    /// Creates a placement.
    public init(
        mode: ExecutionMode, sandboxes: [String: ElementSandbox] = [:], restartPolicy: RestartPolicy = .standard,
        executable: String? = nil
    ) {
        self.mode = mode
        self.sandboxes = sandboxes
        self.restartPolicy = restartPolicy
        self.executable = executable
    }

    /// Where one node runs.
    public enum Site: Sendable, Hashable {
        /// In the pipeline's process.
        case inProcess
        /// In a host of its own.
        case alone
        /// In the host of the named group.
        case group(String)
    }

    /// The site of every node of `graph`, in node order.
    public func sites(_ graph: Graph, elements: [any Element]) -> [Site] {
        graph.nodes.indices.map { site(graph.nodes[$0], elements[$0]) }
    }

    /// Elements bound to the executor and aggregators (an element host serves one input) stay in-process.
    /// Elements that send outputs of their own get a host of their own even when a group names them: their
    /// outputs go on while they run, which a host busy with their call could not serve downstream.
    /// Untrusted plugin elements run in a host in every mode: alone unless a group is chosen for them.
    private func site(_ node: Node, _ element: any Element) -> Site {
        if element is any PipelineBound || element is any Aggregator { return .inProcess }
        var site = chosenSite(node)
        if site == .inProcess, let plugin = type(of: element) as? any PluginBacked.Type, !plugin.catalogEntry.trusted {
            site = .alone
        }
        if case .group = site, element is any SendsOwnOutputs { return .alone }
        return site
    }

    private func chosenSite(_ node: Node) -> Site {
        switch mode {
        case .inProcess:
            return .inProcess
        case .isolated:
            if case .group(let name) = node.isolation { return .group(name) }
            return .alone
        case .grouped(let patterns, let groups, _):
            if let group = groups[node.name] { return .group(group) }
            switch node.isolation {
            case .isolated: return .alone
            case .group(let name): return .group(name)
            case nil: break
            }
            let matches = patterns.contains { pattern in
                fnmatch(pattern, node.factory, 0) == 0 || fnmatch(pattern, node.name, 0) == 0
            }
            return matches ? .alone : .inProcess
        }
    }

    /// The sandbox chosen for the element called `name`: its own from `sandboxes`, else the mode's.
    public func sandbox(for name: String) -> ElementSandbox {
        if let chosen = sandboxes[name] { return chosen }
        switch mode {
        case .inProcess: return ElementSandbox()
        case .isolated(let sandbox), .grouped(_, _, let sandbox): return sandbox
        }
    }

    /// The sandbox the element called `name` gets: its own from `sandboxes` as given; else the mode's, with the
    /// `network` profile in the pipeline's network namespace when the element opens connections itself
    /// (`NetworkAccessing`: `zenoh_pub`, `udpsrc`, …).
    ///
    /// ```swift
    /// IsolatingPlacement(mode: .isolated()).sandbox(for: "zenoh_pub0", element: ZenohPublish()).profile  // .network
    /// ```
    public func sandbox(for name: String, element: any Element) -> ElementSandbox {
        sandbox(for: name, reachingTheNetwork: element is any NetworkAccessing)
    }

    private func sandbox(for name: String, reachingTheNetwork: Bool) -> ElementSandbox {
        let chosen = sandbox(for: name)
        return sandboxes[name] == nil && reachingTheNetwork ? chosen.reachingTheNetwork : chosen
    }

    /// The sandbox of the host node `id` runs in: chosen by the host's first element, reaching the network when
    /// any element in the host opens connections itself.
    private func hostSandbox(_ id: Int, sites: [Site], graph: Graph, elements: [any Element]) -> ElementSandbox {
        let members = sites[id] == .alone ? [id] : graph.nodes.indices.filter { sites[$0] == sites[id] }
        let first = members.first ?? id
        return sandbox(
            for: graph.nodes[first].name,
            reachingTheNetwork: members.contains { elements[$0] is any NetworkAccessing })
    }

    public func place(_ negotiated: NegotiatedGraph, elements: [any Element], bus: Bus) throws(PipelineError)
        -> [any Element]
    {
        let graph = negotiated.graph
        let sites = sites(graph, elements: elements)
        let program = executable ?? (ParallaxHost.isHostCapable ? ElementHostProcess.currentExecutable
            : ElementHostProcess.stockExecutable)
        var hosts: [String: HostConnection] = [:]
        var launchOrder: [HostConnection] = []
        let fleet = HostFleet()
        var placed = elements
        for (id, node) in graph.nodes.enumerated() {
            let key: String
            switch sites[id] {
            case .inProcess: continue
            case .alone: key = "element:\(node.name)"
            case .group(let name): key = "group:\(name)"
            }
            let connection: HostConnection
            if let existing = hosts[key] {
                connection = existing
            } else {
                var environment: [String: String] = [:]
                if graph.nodes.contains(where: { $0.factory == Chaos.descriptor.factory }) {
                    environment[ParallaxHost.chaosEnvironmentKey] = "1"
                }
                connection = HostConnection(
                    label: key, executable: program,
                    sandbox: hostSandbox(id, sites: sites, graph: graph, elements: elements), policy: restartPolicy,
                    environment: environment, bus: bus, fleet: fleet)
                hosts[key] = connection
                launchOrder.append(connection)
            }
            let index = UInt16(graph.nodes[..<id].indices.filter { sites[$0] == sites[id] }.count)
            let input = graph.links.indices.first { graph.links[$0].to.node == id }.map { negotiated.linkCaps[$0] }
            let output = graph.links.indices.first { graph.links[$0].from.node == id }.map { negotiated.linkCaps[$0] }
            var file: Int32?
            if let accessing = elements[id] as? any FileAccessing {
                // The host cannot open files: the supervisor opens this one, with its own rights, and passes it.
                do {
                    file = try accessing.openFile()
                } catch {
                    throw .element(node.name, error)
                }
            }
            connection.add(
                HostedElementSpec(
                    index: index, factory: node.factory, name: node.name,
                    properties: node.properties.map { .init(name: $0.name, text: $0.text) },
                    inputCaps: input.map(\.description), outputCaps: output.map(\.description)),
                file: file, plugin: (type(of: elements[id]) as? any PluginBacked.Type)?.catalogEntry.file)
            let proxy = HostedProxy(
                connection: connection, index: index, outputSize: output.flatMap { elements[id].outputSize(for: $0) })
            let element = elements[id]
            if let source = element as? any Source {
                placed[id] = HostedSource(proxy: proxy, live: source.isLive)
            } else if let transform = element as? any Transform {
                placed[id] = HostedTransform(
                    proxy: proxy, passthrough: transform.isPassthrough, emits: transform is any SendsOwnOutputs)
            } else if let sink = element as? any Sink {
                placed[id] = HostedSink(proxy: proxy, sync: sink.sync)
            } else {
                throw .invalidGraph("\(node.name) cannot run in an element host", span: node.span)
            }
        }
        // Every host starts up at once, beside the pipeline configuring its elements: starting each proxy then
        // only waits for its host to be ready, instead of paying one host start-up after the other.
        for connection in launchOrder { connection.launchEarly() }
        return placed
    }

    public func describe(_ graph: Graph, elements: [any Element]) -> [String] {
        let sites = sites(graph, elements: elements)
        return graph.nodes.indices.map { id in
            let name = graph.nodes[id].name
            let origin = (type(of: elements[id]) as? any PluginBacked.Type)?.catalogEntry.file.path
            let plugin = origin.map { ", plugin element from \($0)" } ?? ""
            switch sites[id] {
            case .inProcess:
                if let plugin = type(of: elements[id]) as? any PluginBacked.Type {
                    return "\(name): in-process (trusted plugin element from \(plugin.catalogEntry.file.path))"
                }
                return "\(name): in-process"
            case .alone:
                return "\(name): own host, \(hostSandbox(id, sites: sites, graph: graph, elements: elements))\(plugin)"
            case .group(let group):
                let sandbox = hostSandbox(id, sites: sites, graph: graph, elements: elements)
                return "\(name): host of group \(group), \(sandbox)\(plugin)"
            }
        }
    }
}
