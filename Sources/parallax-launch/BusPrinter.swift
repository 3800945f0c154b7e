import Parallax
import Synchronization

/// Prints what `parallax-launch` shows of a pipeline's bus as messages are posted: negotiated caps with
/// `-v`, warnings, and whether end-of-stream arrived.
///
/// With `-v`, each negotiated link prints both of its pads, src first, as `gst-launch-1.0 -v` does:
/// ```
/// /pipeline0/videotestsrc0.src: caps = video/x-raw, format=(string)I420, width=(int)64, ...
/// /pipeline0/fakesink0.sink: caps = video/x-raw, format=(string)I420, width=(int)64, ...
/// ```
/// Converters that negotiation inserted are announced first, also with `-v`:
/// ```
/// /pipeline0/videoconvert0: inserted between videotestsrc0 and fakesink0
/// ```
/// What an element says it chose (an element message named `info` with a `text` field, as `av1dec` posts its
/// decoder) prints with `-v`:
/// ```
/// /pipeline0/av1dec0: decoding with dav1d (software): prefer=software
/// ```
/// Messages elements post (`level`, `fpsdisplaysink`) print with `-m`, as `gst-launch-1.0 -m` shows them:
/// ```
/// Got message from element "level0" (element): level, rms=(double){ -3.01 }, ...
/// ```
/// Errors are not printed here: the pipeline throws them, and `LaunchSession` prints them once.
/// Thread: `handle` runs on whichever thread posted the message (a bus observer).
final class BusPrinter: Sendable {
    private let console: Console
    private let verbose: Bool
    private let messages: Bool
    private let endOfStream = Atomic<Bool>(false)

    /// A printer writing to `console`; `verbose` turns on the caps lines, `messages` the element messages.
    init(console: Console, verbose: Bool, messages: Bool = false) {
        self.console = console
        self.verbose = verbose
        self.messages = messages
    }

    /// Whether the pipeline has posted end-of-stream.
    var sawEndOfStream: Bool { endOfStream.load(ordering: .acquiring) }

    /// Handles one bus message.
    func handle(_ message: BusMessage) {
        switch message {
        case .capsNegotiated(let from, let to, let caps):
            guard verbose else { return }
            console.out("\(Self.padPath(from)): caps = \(caps)")
            console.out("\(Self.padPath(to)): caps = \(caps)")
        case .converterInserted(let element, _, let upstream, let downstream):
            guard verbose else { return }
            console.out("/pipeline0/\(element): inserted between \(upstream) and \(downstream)")
        case .warning(let element, let text):
            console.err("WARNING: from element /pipeline0/\(element): \(text)\n")
        case .elementRestarted(let element, let reason, let restarts):
            console.err("WARNING: from element /pipeline0/\(element): its element host \(reason); restarted (\(restarts))\n")
        case .element(let element, let structure):
            if verbose, structure.name == "info", let text = structure.string("text") {
                console.out("/pipeline0/\(element): \(text)")
            }
            guard messages else { return }
            console.out("Got message from element \"\(element)\" (element): \(structure)")
        case .endOfStream:
            endOfStream.store(true, ordering: .releasing)
        default:
            break
        }
    }

    /// `elem:pad` as a GStreamer object path, `/pipeline0/elem.pad`.
    static func padPath(_ pad: String) -> String {
        guard let colon = pad.lastIndex(of: ":") else { return "/pipeline0/\(pad)" }
        return "/pipeline0/\(pad[..<colon]).\(pad[pad.index(after: colon)...])"
    }
}
