import ParallaxCore

/// Negotiates with another negotiator and, when that fails, names each node in the diagnostic by its Swift
/// type as well: `could not link videotestsrc0 (VideoTestSource) to tiny0 (TinySink): no common format`.
///
/// A typed pipeline uses it so that a format the compiler could not check (a size, a rate) fails at
/// `run()` with the types the programmer wrote. Nodes without `Node.typeName` (from a launch string) are
/// left as they are. Runs on the control thread, as `Negotiator` does.
struct TypeNamingNegotiator: Negotiator {
    /// The negotiator that does the work.
    var base: any Negotiator

    func negotiate(_ graph: Graph, elements: [any Element]) throws(NegotiationError) -> NegotiatedGraph {
        do {
            return try base.negotiate(graph, elements: elements)
        } catch {
            throw Self.naming(error, in: graph)
        }
    }

    /// `error` with every whole-word node name `n` of a typed node written `n (SwiftType)`.
    static func naming(_ error: NegotiationError, in graph: Graph) -> NegotiationError {
        var types: [Substring: String] = [:]
        for node in graph.nodes {
            if let typeName = node.typeName { types[Substring(node.name)] = typeName }
        }
        guard !types.isEmpty else { return error }
        func rewrite(_ text: String) -> String {
            var result = ""
            var word = Substring()
            func flush() {
                if let typeName = types[word] { result += "\(word) (\(typeName))" } else { result += word }
                word = Substring()
            }
            var start = text.startIndex
            for index in text.indices {
                let character = text[index]
                if character.isLetter || character.isNumber || character == "_" || character == "-" {
                    if word.isEmpty { start = index }
                    word = text[start...index]
                } else {
                    flush()
                    result.append(character)
                }
            }
            flush()
            return result
        }
        var named = error
        named.message = rewrite(error.message)
        named.notes = error.notes.map(rewrite)
        return named
    }
}
