/// Suggestions for caps one side asks for and the other cannot give: the `= help:` line of negotiation
/// errors.
///
/// ```swift
/// NegotiationHint.mismatch(offered: videotestsrcCaps, wanted: try Caps(parsing: "video/x-raw,format=I42"),
///                          producer: "videotestsrc")
/// // "format=I42 is not a format videotestsrc produces; did you mean format=I420?"
/// NegotiationHint.mismatch(offered: videotestsrcCaps, wanted: try Caps(parsing: "video/x-raw,width=0"),
///                          producer: "videotestsrc")
/// // "width=0 is outside videotestsrc's range [1, 2147483647]"
/// ```
/// Pure; any thread.
enum NegotiationHint {
    /// A suggestion for the first field of `wanted` that `offered` cannot meet, naming `producer` (a factory).
    static func mismatch(offered: Caps, wanted: Caps, producer: String) -> String? {
        guard !offered.isAny, !wanted.isAny, let want = wanted.structures.first else { return nil }
        guard let offer = offered.structures.first(where: { $0.name == want.name }) else {
            let names = offered.structures.map(\.name)
            guard let first = names.first else { return nil }
            return "\(producer) produces \(first), not \(want.name); no converter turns one into the other"
        }
        if !CapsStructure.featuresMatch(offer.features, want.features) {
            let have = MemoryType(features: offer.features)?.rawValue ?? offer.features.joined(separator: ", ")
            let asked = MemoryType(features: want.features)?.rawValue ?? want.features.joined(separator: ", ")
            return "\(producer) produces \(have) memory, but \(asked) memory is asked for"
        }
        for (field, value) in want.fields {
            guard let have = offer[field], have.intersection(value) == nil else { continue }
            return fieldHint(field, wanted: value, have: have, producer: producer)
        }
        return nil
    }

    private static func fieldHint(_ field: String, wanted: CapsValue, have: CapsValue, producer: String) -> String {
        let asked = "\(field)=\(plain(wanted))"
        if let wantedType = typeName(wanted), let haveType = typeName(have), wantedType != haveType {
            if case .string(let text) = wanted, text.hasSuffix("/0") {
                return "\(asked) has a zero denominator; \(field) must be a fraction in \(plain(have))"
            }
            return "\(asked) is a \(wantedType), but \(field) is a \(haveType) here (\(plain(have)))"
        }
        switch have {
        case .list(let items):
            let names = items.compactMap { item -> String? in
                if case .string(let name) = item { return name }
                return nil
            }
            if !names.isEmpty, case .string(let wantedName) = wanted {
                if let nearest = ElementRegistry.nearest(to: wantedName, among: names, limit: 1).first {
                    return "\(asked) is not a \(field) \(producer) produces; did you mean \(field)=\(nearest)?"
                }
                return "\(asked) is not a \(field) \(producer) produces; it has \(names.joined(separator: ", "))"
            }
            return "\(asked) is not among \(producer)'s \(field) values \(plain(have))"
        case .intRange, .doubleRange, .fractionRange:
            return "\(asked) is outside \(producer)'s range \(plain(have))"
        case .string(let name):
            if case .string(let wantedName) = wanted,
                ElementRegistry.nearest(to: wantedName, among: [name], limit: 1).first != nil {
                return "\(asked) cannot be met: upstream gives \(field)=\(name); did you mean \(field)=\(name)?"
            }
            return "\(asked) cannot be met: upstream gives \(field)=\(name)"
        default:
            return "\(asked) cannot be met: upstream gives \(field)=\(plain(have))"
        }
    }

    /// The caps type of a value (`int`, `fraction`, …); a list has its first element's.
    private static func typeName(_ value: CapsValue) -> String? {
        if case .list(let items) = value { return items.first.flatMap(typeName) }
        return value.typeName
    }

    /// A value as a person writes it in a launch string: `I420`, `30/1`, `[1, 2147483647]`, `{ I420, NV12 }`.
    static func plain(_ value: CapsValue) -> String {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): CapsValue.format(d)
        case .bool(let b): b ? "true" : "false"
        case .fraction(let f): CapsValue.format(f)
        case .intRange(let r, let step): step > 1 ? "[\(r.lowerBound), \(r.upperBound), \(step)]" : "[\(r.lowerBound), \(r.upperBound)]"
        case .doubleRange(let r): "[\(CapsValue.format(r.lowerBound)), \(CapsValue.format(r.upperBound))]"
        case .fractionRange(let r): "[\(CapsValue.format(r.lowerBound)), \(CapsValue.format(r.upperBound))]"
        case .list(let items): "{ " + items.map(plain).joined(separator: ", ") + " }"
        }
    }
}
