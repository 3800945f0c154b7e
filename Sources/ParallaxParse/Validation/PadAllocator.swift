import ParallaxCore

/// Chooses the pad each link uses, in link order, the way `gst_element_link_pads` does for a launch line.
///
/// ```
/// tee name=t  t. ! a  t.src_5 ! b  t. ! c      →  t.src_0, t.src_5, t.src_6
/// ```
/// - A named pad must match a template of the right direction: an always pad by name, a request pad by its
///   pattern (`src_%u` matches `src_7`), and the pattern itself (`t.src_%u`) asks for the next request pad.
/// - No pad name: the first always pad not yet linked, else the next pad of the first request template whose
///   caps meet the peer pad's template caps (`audiotestsrc ! mux.` takes `audio_%u`, as
///   `gst_element_get_compatible_pad` does), else the template of a sometimes pad (it appears at run time).
/// - Request pads are numbered per template, from 0; a numbered pad moves the counter past itself.
/// - No pad links twice.
///
/// A pure state machine: call `allocate` once per link end, then `commit` when both ends succeed.
struct PadAllocator: Sendable {
    /// Why a pad could not be chosen.
    enum Problem: Error, Sendable, Hashable {
        /// The element has no pad of that direction.
        case noPads
        /// No template of the element matches the name.
        case noSuchPad
        /// The name belongs to a pad of the other direction.
        case wrongDirection
        /// The pad is already linked; the span of the link that linked it.
        case alreadyLinked(pad: String, by: SourceSpan)
    }

    /// Pads already linked: node → pad name → the link that took it.
    private var linked: [Int: [String: SourceSpan]] = [:]
    /// The next request-pad number: node → template name → number.
    private var nextNumber: [Int: [String: Int]] = [:]

    /// The pad of `node` (described by `info`) to use on the `direction` side, `requested` if one was written.
    func allocate(
        node: Int, info: ElementInfo, direction: PadDirection, requested: String?, peer: Caps? = nil
    ) -> Result<String, Problem> {
        let templates = info.padTemplates.filter { $0.direction == direction }
        let taken = linked[node, default: [:]]
        if let requested {
            let name: String
            if let template = templates.first(where: { $0.name == requested }) {
                name =
                    template.presence == .request && Self.pattern(of: template.name) != nil
                    ? nextName(node: node, template: template) : requested
            } else if templates.contains(where: { Self.matches(requested, $0.name) }) {
                name = requested
            } else if info.padTemplates.contains(where: { $0.name == requested || Self.matches(requested, $0.name) }) {
                return .failure(.wrongDirection)
            } else {
                return .failure(.noSuchPad)
            }
            if let by = taken[name] { return .failure(.alreadyLinked(pad: name, by: by)) }
            return .success(name)
        }
        guard !templates.isEmpty else { return .failure(.noPads) }
        for template in templates where template.presence == .always && taken[template.name] == nil {
            return .success(template.name)
        }
        let requestTemplates = templates.filter { $0.presence == .request }
        let compatible = peer.flatMap { caps in requestTemplates.first { !$0.caps.intersection(caps).isEmpty } }
        if let template = compatible ?? requestTemplates.first {
            let name = nextName(node: node, template: template)
            if let by = taken[name] { return .failure(.alreadyLinked(pad: name, by: by)) }
            return .success(name)
        }
        if let template = templates.first(where: { $0.presence == .sometimes }) {
            return .success(template.name)
        }
        let first = templates[0].name
        return .failure(.alreadyLinked(pad: first, by: taken[first] ?? SourceSpan(start: 0, length: 0)))
    }

    /// Records that `pad` of `node` is linked by the link at `span`, and moves request counters past it.
    mutating func commit(node: Int, pad: String, info: ElementInfo, span: SourceSpan) {
        // A sometimes template stands for pads that appear at run time; it can be linked again.
        if info.padTemplates.contains(where: { $0.presence == .sometimes && $0.name == pad }) { return }
        linked[node, default: [:]][pad] = span
        for template in info.padTemplates where template.presence == .request {
            guard let number = Self.number(in: pad, template: template.name) else { continue }
            let next = nextNumber[node, default: [:]][template.name, default: 0]
            nextNumber[node, default: [:]][template.name] = Swift.max(next, number + 1)
        }
    }

    /// The next free name of a request template (`src_%u` → `src_0`, `src_1`, …).
    private func nextName(node: Int, template: PadTemplate) -> String {
        guard let (prefix, suffix) = Self.pattern(of: template.name) else { return template.name }
        var number = nextNumber[node, default: [:]][template.name, default: 0]
        while linked[node, default: [:]]["\(prefix)\(number)\(suffix)"] != nil { number += 1 }
        return "\(prefix)\(number)\(suffix)"
    }

    /// The text around the `%u`, `%d` or `%s` of a template name, nil for a plain name.
    static func pattern(of template: String) -> (prefix: Substring, suffix: Substring)? {
        for marker in ["%u", "%d", "%s"] {
            guard let range = template.firstRange(of: marker) else { continue }
            return (template[..<range.lowerBound], template[range.upperBound...])
        }
        return nil
    }

    /// Whether pad `name` belongs to template `template` (`src_3` to `src_%u`).
    static func matches(_ name: String, _ template: String) -> Bool {
        guard let (prefix, suffix) = pattern(of: template) else { return name == template }
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else {
            return false
        }
        let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
        if template.contains("%s") { return true }
        let digits = template.contains("%d") && middle.first == "-" ? middle.dropFirst() : middle
        return !digits.isEmpty && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
    }

    /// The number of a numbered pad of `template` (`src_3` → 3), nil otherwise.
    static func number(in name: String, template: String) -> Int? {
        guard !template.contains("%s"), matches(name, template), let (prefix, suffix) = pattern(of: template) else {
            return nil
        }
        return Int(name.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
