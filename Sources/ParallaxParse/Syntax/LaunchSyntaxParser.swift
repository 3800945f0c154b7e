import ParallaxCore

/// Turns tokens into a `LaunchSyntax`: the chain grammar of GStreamer's `grammar.y`, without bins and URIs.
///
/// ```
/// description := chain+
/// chain       := start (link next)* [link reference]
/// start       := element [padRef] | reference
/// next        := [padRef] element [padRef]
/// element     := identifier assignment*
/// ```
/// A `padRef` after an element names its pad for the following link, one before an element names the pad
/// the preceding link enters. A reference may start or end a chain but not sit inside one
/// (`a ! t. ! b` is an error, as in GStreamer). Stops at the first error.
/// Example: `var p = LaunchSyntaxParser(tokens: try lexer.tokenize(), source: text); let tree = try p.parse()`.
struct LaunchSyntaxParser {
    private let tokens: [Token]
    private var index = 0
    private var syntax: LaunchSyntax

    /// A parser over the tokens of `source`.
    init(tokens: [Token], source: String) {
        self.tokens = tokens
        self.syntax = LaunchSyntax(source: source)
    }

    /// Parses every chain.
    mutating func parse() throws(DiagnosticError) -> LaunchSyntax {
        guard !tokens.isEmpty else {
            throw DiagnosticError(
                "empty pipeline description", SourceSpan(start: 0, length: 0),
                help: "describe a pipeline, e.g. \"videotestsrc ! fakesink\"")
        }
        while index < tokens.count {
            try chain()
        }
        return syntax
    }

    // MARK: Grammar

    private mutating func chain() throws(DiagnosticError) {
        let first = tokens[index]
        var upstream: LaunchSyntax.Endpoint
        switch first.kind {
        case .element:
            upstream = try element()
        case .reference(let reference):
            index += 1
            upstream = endpoint(for: reference, span: first.span)
            guard case .link = current?.kind else {
                throw DiagnosticError(
                    "reference \"\(text(first.span))\" is not linked to anything", first.span,
                    help: "link it, e.g. \"\(text(first.span)) ! queue ! fakesink\"")
            }
        case .link:
            if index > 0, case .reference = tokens[index - 1].kind {
                let reference = tokens[index - 1]
                throw DiagnosticError(
                    "cannot link onward from reference \"\(text(reference.span))\" in the same chain", first.span,
                    help: "a reference ends its chain; start a new one from it: \"\(text(reference.span)) ! ...\"")
            }
            throw DiagnosticError(
                "\"!\" has nothing before it", firstBang(of: first),
                help: "a link goes between two elements: \"a ! b\"")
        case .padReference(let pad):
            throw DiagnosticError(
                "pad reference \".\(pad)\" has no element", first.span,
                help: "write it after an element (\"a .\(pad) ! b\") or before one (\"a ! .\(pad) b\")")
        case .assignment(let assignment):
            throw strayAssignment(assignment, token: first)
        }

        while let token = current, case .link(let caps) = token.kind {
            index += 1
            guard let next = current else {
                throw DiagnosticError(
                    "\"!\" has nothing after it", lastBang(of: token),
                    help: "a link goes between two elements: \"a ! b\"")
            }
            let from = upstream
            let link = { (to: LaunchSyntax.Endpoint) in
                LaunchSyntax.Link(from: from, to: to, caps: caps, span: token.span)
            }
            switch next.kind {
            case .link:
                let start = lastBang(of: token).start
                throw DiagnosticError(
                    "two \"!\" in a row", SourceSpan(start: start, length: firstBang(of: next).end - start),
                    help: "remove one \"!\", or put an element between them")
            case .reference(let reference):
                index += 1
                syntax.links.append(link(endpoint(for: reference, span: next.span)))
                return
            case .padReference(let pad):
                index += 1
                guard case .element = current?.kind else {
                    throw DiagnosticError(
                        "pad reference \".\(pad)\" must be followed by an element", next.span,
                        help: "write the element the pad belongs to after it: \"a ! .\(pad) b\"")
                }
                let downstream = try element()
                syntax.links.append(
                    link(
                        LaunchSyntax.Endpoint(
                            target: downstream.target, pad: pad, padSpan: padNameSpan(next.span), span: downstream.span)
                    ))
                upstream = downstream
            case .element:
                let downstream = try element()
                syntax.links.append(link(LaunchSyntax.Endpoint(target: downstream.target, span: downstream.span)))
                upstream = downstream
            case .assignment(let assignment):
                throw strayAssignment(assignment, token: next)
            }
        }
        if let pad = upstream.pad, let padSpan = upstream.padSpan, case .element = upstream.target {
            throw DiagnosticError(
                "pad reference \".\(pad)\" is not linked",
                SourceSpan(start: padSpan.start - 1, length: padSpan.length + 1),
                help: "link from it: \"a .\(pad) ! b\"")
        }
    }

    /// An element and its assignments, and the pad reference after it if any; returns it as the upstream end
    /// of the next link (that pad being the one the link leaves from).
    private mutating func element() throws(DiagnosticError) -> LaunchSyntax.Endpoint {
        let token = tokens[index]
        guard case .element(let factory) = token.kind else {
            throw DiagnosticError("expected an element", token.span)
        }
        index += 1
        var element = LaunchSyntax.Element(factory: factory, factorySpan: token.span)
        while let next = current, case .assignment(let assignment) = next.kind {
            element.assignments.append(assignment)
            index += 1
        }
        syntax.elements.append(element)
        var end = LaunchSyntax.Endpoint(target: .element(syntax.elements.count - 1), span: token.span)
        if let next = current, case .padReference(let pad) = next.kind {
            index += 1
            end.pad = pad
            end.padSpan = padNameSpan(next.span)
        }
        return end
    }

    // MARK: Helpers

    private var current: Token? { index < tokens.count ? tokens[index] : nil }

    private func endpoint(for reference: Token.Reference, span: SourceSpan) -> LaunchSyntax.Endpoint {
        LaunchSyntax.Endpoint(
            target: .reference(reference.name), pad: reference.pad, padSpan: reference.padSpan, span: span)
    }

    /// The span of the pad name in a `.pad` token.
    private func padNameSpan(_ span: SourceSpan) -> SourceSpan {
        SourceSpan(start: span.start + 1, length: span.length - 1)
    }

    /// The first `!` of a link token (`! caps !` has two).
    private func firstBang(of token: Token) -> SourceSpan {
        SourceSpan(start: token.span.start, length: 1)
    }

    /// The last `!` of a link token.
    private func lastBang(of token: Token) -> SourceSpan {
        SourceSpan(start: token.span.end - 1, length: 1)
    }

    private func strayAssignment(_ assignment: Token.Assignment, token: Token) -> DiagnosticError {
        DiagnosticError(
            "property \"\(assignment.name)\" is not set on any element", token.span,
            help: "write it after the element it belongs to: \(Diagnostic.quoted("element \(text(token.span))"))")
    }

    private func text(_ span: SourceSpan) -> String {
        let bytes = Array(syntax.source.utf8)
        let start = Swift.min(Swift.max(span.start, 0), bytes.count)
        let end = Swift.min(Swift.max(span.end, start), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
