/// A Swift enum usable as an element property, with GStreamer-style nicks (`pattern=ball`).
///
/// ```swift
/// enum Leak: Int, PropertyEnum {
///     case no, upstream, downstream
///     static let nicks: [Self: String] = [.no: "no", .upstream: "upstream", .downstream: "downstream"]
///     var blurb: String { "…" }
/// }
/// ```
/// The launch parser accepts a nick, or the integer value as GStreamer does.
public protocol PropertyEnum: RawRepresentable<Int>, CaseIterable, Sendable, Hashable {
    /// The nick written in launch strings.
    var nick: String { get }
    /// A short description shown by `--inspect`.
    var blurb: String { get }
}
