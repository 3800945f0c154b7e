/// A Zenoh key expression: `/`-separated chunks where `*` stands for one chunk, `**` for any number (none
/// included), and `$*` for any text inside a chunk.
///
/// ```swift
/// let expression = try KeyExpression("factory/*/camera/**")
/// expression.intersects(try KeyExpression("factory/hall-1/camera/1"))   // true
/// ```
/// Thread: a value.
public struct KeyExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    private let chunks: [Substring]

    /// Parses `text`, refusing an empty expression, an empty chunk, a leading or trailing `/`, and the
    /// characters `#` and `?` (reserved by zenoh).
    public init(_ text: String) throws(ZenohError) {
        guard !text.isEmpty else { throw ZenohError.invalidKey("the key expression is empty") }
        if let bad = text.first(where: { $0 == "#" || $0 == "?" }) {
            throw ZenohError.invalidKey("key expression \"\(text)\" contains \"\(bad)\"")
        }
        let chunks = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !chunks.contains(where: \.isEmpty) else {
            throw ZenohError.invalidKey("key expression \"\(text)\" has an empty chunk")
        }
        self.text = text
        self.chunks = chunks
    }

    public var description: String { text }

    /// Whether some key matches both expressions.
    public func intersects(_ other: KeyExpression) -> Bool {
        Self.intersect(chunks[...], other.chunks[...])
    }

    private static func intersect(_ a: ArraySlice<Substring>, _ b: ArraySlice<Substring>) -> Bool {
        guard let first = a.first else { return b.allSatisfy { $0 == "**" } }
        guard let other = b.first else { return a.allSatisfy { $0 == "**" } }
        if first == "**" {
            // `**` takes none of b's chunks, or one more.
            return intersect(a.dropFirst(), b) || intersect(a, b.dropFirst())
        }
        if other == "**" { return intersect(a.dropFirst(), b) || intersect(a, b.dropFirst()) }
        return chunksIntersect(first, other) && intersect(a.dropFirst(), b.dropFirst())
    }

    private static func chunksIntersect(_ a: Substring, _ b: Substring) -> Bool {
        if a == "*" || b == "*" || a == b { return true }
        let aWild = a.contains("$*"), bWild = b.contains("$*")
        if aWild && bWild { return true }  // both have sub-chunk wildcards: taken as intersecting
        if aWild { return glob(Array(a.utf8), Array(b.utf8)) }
        if bWild { return glob(Array(b.utf8), Array(a.utf8)) }
        return false
    }

    /// Whether `text` matches `pattern`, where `$*` in the pattern stands for any bytes.
    private static func glob(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p + 1 < pattern.count, pattern[p] == UInt8(ascii: "$"), pattern[p + 1] == UInt8(ascii: "*") {
                star = p
                p += 2
                mark = t
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if star >= 0 {
                p = star + 2
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p + 1 < pattern.count, pattern[p] == UInt8(ascii: "$"), pattern[p + 1] == UInt8(ascii: "*") { p += 2 }
        return p == pattern.count
    }
}
