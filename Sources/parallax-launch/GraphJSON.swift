import Parallax

/// The `--graph-json` view of a negotiated graph, keyed like `gst-parse-graph.py` so the two can be compared,
/// plus what negotiation decided: converters it inserted and the fixed caps of every link.
///
/// ```
/// {
///   "elements": [
///     { "name": "videotestsrc0", "factory": "videotestsrc", "properties": { "num-buffers": 10 } },
///     { "name": "videoconvert0", "factory": "videoconvert", "properties": {},
///       "inserted": { "upstream": "videotestsrc0", "downstream": "fakesink0" } }, ...
///   ],
///   "links": [
///     { "src": "videotestsrc0:src", "sink": "videoconvert0:sink", "caps": "video/x-raw, format=(string)I420",
///       "negotiated": "video/x-raw, format=(string)I420, width=(int)320, ..." }, ...
///   ]
/// }
/// ```
/// `inserted` appears only on converters negotiation added; `negotiated` on every link once negotiated.
/// Elements come in graph order, links in the order the description made them. `properties` holds what the
/// description set, typed: integers and doubles as numbers, booleans as booleans, strings as strings (an unset
/// string as `null`), enumerations by nick, fractions as `n/d` in lowest terms and caps as GStreamer prints
/// them. A property set twice keeps its first position and its last value. A link's `caps` is the caps filter
/// written on it (`a ! video/x-raw,width=64 ! b`), or `null`. See `docs/cli.md`. A pure value; any thread.
struct GraphJSON: Sendable {
    /// The graph to describe.
    var graph: Graph
    /// `linkCaps[i]` is the negotiated caps of `graph.links[i]` (empty: not negotiated).
    var linkCaps: [Caps] = []

    /// The JSON document.
    var document: JSONValue {
        let elements = graph.nodes.map { node in
            var members: [(String, JSONValue)] = [
                ("name", .string(node.name)),
                ("factory", .string(node.factory)),
                ("properties", .object(Self.properties(node.properties))),
            ]
            if let insertion = node.insertion {
                members.append(("inserted", .object([
                    ("upstream", .string(insertion.upstream)), ("downstream", .string(insertion.downstream)),
                ])))
            }
            return JSONValue.object(members)
        }
        let links = graph.links.enumerated().map { index, link in
            var members: [(String, JSONValue)] = [
                ("src", .string(padName(link.from))),
                ("sink", .string(padName(link.to))),
                ("caps", link.caps.map { .string($0.description) } ?? .null),
            ]
            if linkCaps.indices.contains(index) { members.append(("negotiated", .string(linkCaps[index].description))) }
            return JSONValue.object(members)
        }
        return .object([("elements", .array(elements)), ("links", .array(links))])
    }

    /// The document as text, ending with a newline.
    var text: String { document.rendered + "\n" }

    private func padName(_ pad: PadRef) -> String {
        let element = graph.nodes.indices.contains(pad.node) ? graph.nodes[pad.node].name : "#\(pad.node)"
        return "\(element):\(pad.pad)"
    }

    /// Settings as ordered members: first position, last value.
    static func properties(_ settings: [PropertySetting]) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        for setting in settings {
            let value = json(setting.value)
            if let index = members.firstIndex(where: { $0.0 == setting.name }) {
                members[index].1 = value
            } else {
                members.append((setting.name, value))
            }
        }
        return members
    }

    /// A property value as the oracle prints it.
    static func json(_ value: PropertyValue) -> JSONValue {
        switch value {
        case .bool(let v): .bool(v)
        case .int(let v): .int(v)
        case .uint(let v): .uint(v)
        case .double(let v): v.isFinite ? .double(v) : .string(v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf"))
        case .string(let v): v.map { .string($0) } ?? .null
        case .enumeration(let nick): .string(nick)
        case .fraction(let v): .string(v.denominator == 0 ? v.description : v.reduced.description)
        case .caps(let v): .string(v.description)
        }
    }
}
