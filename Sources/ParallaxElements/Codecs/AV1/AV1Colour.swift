/// The colour description an AV1 sequence header carries (`color_primaries`, `transfer_characteristics`,
/// `matrix_coefficients`, ITU-T H.273 code points), from GStreamer's named `colorimetry`.
///
/// ```swift
/// AV1Colour(colorimetry: "bt709")   // primaries 1, transfer 1, matrix 1
/// AV1Colour(colorimetry: nil)       // 2, 2, 2: unspecified, as ffmpeg's librav1e wrapper writes too
/// ```
/// Thread: any (a plain value).
struct AV1Colour: Sendable, Hashable, CustomStringConvertible {
    /// `color_primaries`.
    var primaries: UInt32
    /// `transfer_characteristics`.
    var transfer: UInt32
    /// `matrix_coefficients`.
    var matrix: UInt32

    /// The code points of `bt709`, `bt601` and `bt2020`; unspecified (2) for anything else.
    init(colorimetry: String?) {
        switch colorimetry {
        case "bt709"?: (primaries, transfer, matrix) = (1, 1, 1)
        case "bt601"?: (primaries, transfer, matrix) = (6, 6, 6)
        case "bt2020"?: (primaries, transfer, matrix) = (9, 14, 9)
        default: (primaries, transfer, matrix) = (2, 2, 2)
        }
    }

    /// "primaries/transfer/matrix".
    var description: String { "\(primaries)/\(transfer)/\(matrix)" }
}
