import ParallaxCore

/// An untyped piece of pipeline graph: elements, the links between them, and where it is open.
///
/// Node indices are local to the fragment; `appending` shifts them. `entry` is the node whose "sink"
/// pad receives the fragment's input and `exit` the node whose "src" pad gives its output (nil for a
/// fragment that ends in a sink or a tee). A fragment without nodes is a caps filter in waiting:
/// `entryCaps`/`exitCaps` go on the link that will be made into or out of the fragment.
struct Fragment: Sendable {
    /// One element of the fragment, with the settings that differ from its defaults.
    struct Member: Sendable {
        /// The factory name.
        var factory: String
        /// The Swift type, or nil for an element known only by name until `Pipeline.init` resolves it.
        var type: (any Element.Type)?
        /// The Swift type as diagnostics name it (the wrapper's name for an element known by name).
        var typeName: String
        var properties: [PropertySetting]
        /// The element value as written, so shared handles (appsink's stream, appsrc's feed) reach the
        /// running pipeline; nil for an element known only by name.
        var element: (any Element)?
        /// The name `.named(_:)` gave the element, or nil for an automatic one.
        var name: String?
        /// Where `.isolated()` or `.group(_:)` asked the element to run.
        var isolation: IsolationRequest?
    }

    /// A link between two members; `from.node` and `to.node` are member indices.
    struct Edge: Sendable {
        var from: PadRef
        var to: PadRef
        var caps: Caps?
    }

    var members: [Member] = []
    var edges: [Edge] = []
    var entry: Int?
    var exit: Int?
    var entryCaps: Caps?
    var exitCaps: Caps?

    /// A fragment holding one element, entered and left through its "sink" and "src" pads.
    init<E: Element>(element: E, hasInput: Bool, hasOutput: Bool) {
        members = [
            Member(
                factory: E.factoryName, type: E.self, typeName: String(describing: E.self),
                properties: Self.settings(of: element), element: element)
        ]
        entry = hasInput ? 0 : nil
        exit = hasOutput ? 0 : nil
    }

    /// A fragment holding one element known only by its factory name (a generated wrapper's element),
    /// made from the pipeline's registry when the pipeline is built.
    init(factory: String, typeName: String, properties: [PropertySetting], hasInput: Bool, hasOutput: Bool) {
        members = [Member(factory: factory, type: nil, typeName: typeName, properties: properties, element: nil)]
        entry = hasInput ? 0 : nil
        exit = hasOutput ? 0 : nil
    }

    /// A fragment without elements that puts `caps` on the link through it.
    init(caps: Caps) {
        entryCaps = caps
        exitCaps = caps
    }

    init() {}

    /// The element's properties whose value differs from a default-made element's, in descriptor order,
    /// with `text` in the form a launch string writes them.
    static func settings<E: Element>(of element: E) -> [PropertySetting] {
        let defaults = E()
        return E.descriptor.properties.compactMap { property in
            let value = property.get(element)
            guard value != property.get(defaults) else { return nil }
            return PropertySetting(name: property.name, value: value, text: launchText(value))
        }
    }

    /// `value` as a launch string writes it (strings unquoted, enumerations by nick).
    static func launchText(_ value: PropertyValue) -> String {
        switch value {
        case .string(let text): text ?? ""
        default: value.description
        }
    }

    /// The members of `other` added after this fragment's, `other`'s node indices shifted to match.
    /// Returns the offset added to `other`'s indices.
    mutating func absorb(_ other: Fragment) -> Int {
        let offset = members.count
        members += other.members
        edges += other.edges.map { edge in
            Edge(
                from: PadRef(node: edge.from.node + offset, pad: edge.from.pad),
                to: PadRef(node: edge.to.node + offset, pad: edge.to.pad), caps: edge.caps)
        }
        return offset
    }

    /// This fragment followed by `next`: the exit of this one is linked to the entry of `next`.
    func then(_ next: Fragment) -> Fragment {
        if next.members.isEmpty {
            var result = self
            result.exitCaps = Self.merge(exitCaps, next.exitCaps)
            if members.isEmpty { result.entryCaps = result.exitCaps }
            return result
        }
        if members.isEmpty {
            var result = next
            result.entryCaps = Self.merge(exitCaps, next.entryCaps)
            return result
        }
        var result = self
        let offset = result.absorb(next)
        if let exit, let nextEntry = next.entry {
            result.edges.append(
                Edge(
                    from: PadRef(node: exit, pad: "src"), to: PadRef(node: nextEntry + offset, pad: "sink"),
                    caps: Self.merge(exitCaps, next.entryCaps)))
        }
        result.exit = next.exit.map { $0 + offset }
        result.exitCaps = next.exitCaps
        return result
    }

    /// A later caps filter on the same link narrows an earlier one.
    static func merge(_ first: Caps?, _ second: Caps?) -> Caps? {
        guard let first else { return second }
        guard let second else { return first }
        return first.intersection(second)
    }

    /// The graph: nodes named by `.named(_:)` or else `factory` plus a per-factory counter that skips taken
    /// names, as the launch parser names them. Each node records the element's Swift type.
    var graph: Graph {
        var taken = Set(members.compactMap(\.name))
        var counters: [String: Int] = [:]
        let nodes = members.enumerated().map { index, member in
            let factory = member.factory
            var name = member.name ?? ""
            while name.isEmpty || (member.name == nil && taken.contains(name)) {
                let number = counters[factory, default: 0]
                counters[factory] = number + 1
                name = factory.last?.isNumber == true ? "\(factory)-\(number)" : "\(factory)\(number)"
            }
            taken.insert(name)
            return Node(
                id: index, factory: factory, name: name, properties: member.properties, isolation: member.isolation,
                typeName: member.typeName)
        }
        let links = edges.map { Link(from: $0.from, to: $0.to, caps: $0.caps) }
        return Graph(nodes: nodes, links: links)
    }
}
