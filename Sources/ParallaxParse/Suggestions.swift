import ParallaxCore

/// "Did you mean" hints for diagnostics.
enum Suggestions {
    /// `did you mean "a"?`, `did you mean "a" or "b"?`, `did you mean "a", "b" or "c"?`; nil for no names.
    static func didYouMean(_ names: [String]) -> String? {
        let quoted = names.map { "\"\($0)\"" }
        guard let last = quoted.last else { return nil }
        guard quoted.count > 1 else { return "did you mean \(last)?" }
        return "did you mean \(quoted.dropLast().joined(separator: ", ")) or \(last)?"
    }

    /// Up to `limit` of `candidates` close to `word` (by edit distance), closest first.
    static func nearest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        ElementRegistry.nearest(to: word, among: candidates, limit: limit)
    }
}
