// TEMPORARY: minimal caps operations so the package compiles while the real ones are written.
// Delete this file when Caps+Parsing/Printing/Intersection/Fixation.swift land.
extension Caps {
    public init(parsing text: String) throws(CapsParseError) {
        if text == "ANY" { self = .any; return }
        var structures: [CapsStructure] = []
        for part in text.split(separator: ";") {
            var pieces = part.split(separator: ",").map { String(String($0).trimmingSpaces) }
            guard !pieces.isEmpty else { continue }
            var s = CapsStructure(pieces.removeFirst())
            for p in pieces {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { throw CapsParseError(message: "expected '='", offset: 0, length: 0) }
                var v = kv[1]
                if let close = v.firstIndex(of: ")"), v.hasPrefix("(") { v = String(v[v.index(after: close)...]) }
                if let i = Int(v) { s[kv[0]] = .int(i) }
                else if v.contains("/"), let n = Int(v.split(separator: "/")[0]), let d = Int(v.split(separator: "/")[1]) {
                    s[kv[0]] = .fraction(Fraction(n, d))
                } else { s[kv[0]] = .string(v) }
            }
            structures.append(s)
        }
        self.init(structures)
    }
    public func intersection(_ other: Caps) -> Caps {
        if isAny { return other }
        if other.isAny { return self }
        var out: [CapsStructure] = []
        for a in structures {
            for b in other.structures where a.name == b.name {
                var r = a
                var ok = true
                for (k, v) in b.fields {
                    if let mine = a[k] {
                        if mine == v { continue }
                        if case .list(let l) = mine, l.contains(v) { r[k] = v; continue }
                        if case .list(let l) = v, l.contains(mine) { continue }
                        if case .intRange(let rg, _) = v, case .int(let x) = mine, rg.contains(x) { continue }
                        if case .intRange(let rg, _) = mine, case .int(let x) = v, rg.contains(x) { r[k] = v; continue }
                        if case .fractionRange = v { continue }
                        if case .fractionRange = mine { r[k] = v; continue }
                        ok = false
                    } else { r[k] = v }
                }
                if ok { out.append(r) }
            }
        }
        return Caps(out)
    }
    public func fixated() -> Caps {
        guard !isAny, var s = structures.first else { return self }
        for (k, v) in s.fields {
            switch v {
            case .list(let l): s[k] = l.first
            case .intRange(let r, _): s[k] = .int(r.lowerBound)
            case .fractionRange(let r): s[k] = .fraction(r.lowerBound)
            case .doubleRange(let r): s[k] = .double(r.lowerBound)
            default: break
            }
        }
        return Caps([s])
    }
    public func isSubset(of other: Caps) -> Bool { other.isAny || intersection(other) == self }
    public func canIntersect(_ other: Caps) -> Bool { !intersection(other).isEmpty }
}
extension Caps: CustomStringConvertible {
    public var description: String {
        if isAny { return "ANY" }
        if isEmpty { return "EMPTY" }
        return structures.map { s in ([s.name] + s.fields.map { "\($0.name)=\($0.value)" }).joined(separator: ", ") }
            .joined(separator: "; ")
    }
}
