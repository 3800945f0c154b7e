import ParallaxCore

/// Shows stream parsers the start of their stream before negotiation (`StreamHeaderParsing`), and lets sources that
/// can learn their own format (`SourceFormatDiscovering`) do so first.
///
/// ```
/// filesrc ─► queue ─► y4mdec        filesrc.peek(upTo: y4mdec.headerPeekLength) → y4mdec.discoverFormat
/// filesrc ─► ivfparse ─► av1dec     the peeked bytes go through ivfparse.leadingOutput first
/// ```
/// The walk upstream from a parser goes through queues and passthrough elements (they hand on the bytes
/// unchanged) and parsers that can forward the start of their output (`StreamHeaderForwarding`), and must end at
/// a `StreamPeeking` source. A source that cannot read ahead (a missing file) leaves
/// the parser to find the format in the stream; a header the parser rejects fails the pipeline with the
/// parser's error. Thread: the control thread.
enum HeaderDiscovery {
    /// Updates the parsers in `elements` (one per node of `graph`) with the formats of their streams.
    static func apply(to elements: inout [any Element], in graph: Graph) throws(PipelineError) {
        for node in graph.nodes.indices {
            guard var source = elements[node] as? any SourceFormatDiscovering else { continue }
            do {
                try source.discoverFormat()
            } catch {
                throw .element(graph.nodes[node].name, error)
            }
            elements[node] = source
        }
        for node in graph.nodes.indices where elements[node] is any StreamHeaderParsing {
            guard let (source, forwarders) = peekingSource(above: node, in: graph, elements: elements),
                var parser = elements[node] as? any StreamHeaderParsing
            else { continue }
            let length = forwarders.reduce(parser.headerPeekLength) { $1.inputPeekLength(forOutput: $0) }
            var header: [UInt8]
            do {
                header = try source.peek(upTo: length)
            } catch {
                continue
            }
            var reached = true
            for forwarder in forwarders.reversed() {
                guard let output = forwarder.leadingOutput(fromHeader: header) else {
                    reached = false
                    break
                }
                header = output
            }
            guard reached else { continue }
            do {
                try discover(&parser, header)
            } catch {
                throw .element(graph.nodes[node].name, error)
            }
            elements[node] = parser
        }
    }

    /// The source whose bytes reach `node` unchanged or through forwarding parsers (nearest first), if it can
    /// read ahead.
    private static func peekingSource(above node: Int, in graph: Graph, elements: [any Element])
        -> (any StreamPeeking, [any StreamHeaderForwarding])?
    {
        var current = node
        var forwarders: [any StreamHeaderForwarding] = []
        for _ in graph.nodes.indices {
            let incoming = graph.links.filter { $0.to.node == current }
            guard incoming.count == 1 else { return nil }
            current = incoming[0].from.node
            let element = elements[current]
            if let source = element as? any StreamPeeking { return (source, forwarders) }
            if element is any QueueBoundary { continue }
            if let forwarder = element as? any StreamHeaderForwarding {
                forwarders.append(forwarder)
                continue
            }
            guard let transform = element as? any Transform, transform.isPassthrough else { return nil }
        }
        return nil
    }

    private static func discover<P: StreamHeaderParsing>(_ parser: inout P, _ header: [UInt8]) throws(ElementError) {
        try parser.discoverFormat(fromHeader: header)
    }
}
