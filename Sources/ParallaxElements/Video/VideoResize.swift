import ParallaxCore

/// Caps arithmetic shared by `videocrop` and `videobox`: the other side of an element that adds or removes a
/// fixed number of columns and rows.
///
/// ```
/// VideoResize.transform(caps /* width=320, height=[1, 2147483647] */, width: -20, height: -10)
///   // width=300, height=[1, 2147483637]
/// ```
/// Values are clamped to [1, 2147483647] as GStreamer's videocrop and videobox do, so a crop larger than the
/// frame still negotiates (to 1) and is refused by the element when it reads its caps. Thread: any.
enum VideoResize {
    /// The largest width or height in caps.
    static let maximumDimension = Int(Int32.max)

    /// `caps` with `width` changed by `width` and `height` by `height`; other fields kept.
    static func transform(_ caps: Caps, width: Int, height: Int) -> Caps {
        if caps.isAny { return caps }
        var structures: [CapsStructure] = []
        for var structure in caps.intersection(RawVideo<AnyPixelFormat>.caps).structures {
            // A missing width or height stays missing (any size); a present one that cannot move drops the structure.
            if let w = structure["width"] {
                guard let moved = shifted(w, by: width) else { continue }
                structure["width"] = moved
            }
            if let h = structure["height"] {
                guard let moved = shifted(h, by: height) else { continue }
                structure["height"] = moved
            }
            if !structures.contains(structure) { structures.append(structure) }
        }
        return Caps(structures)
    }

    /// `value` (an int, a range or a list of them) plus `delta`, clamped to [1, 2147483647].
    static func shifted(_ value: CapsValue, by delta: Int) -> CapsValue? {
        func clamp(_ v: Int) -> Int { min(max(v + delta, 1), maximumDimension) }
        switch value {
        case .int(let v):
            return .int(clamp(v))
        case .intRange(let range, let step):
            let low = clamp(range.lowerBound), high = clamp(range.upperBound)
            return low == high ? .int(low) : .intRange(low...high, step: step)
        case .list(let items):
            let values = items.compactMap { Self.shifted($0, by: delta) }
            return values.isEmpty ? nil : .list(values)
        default:
            return nil
        }
    }
}
