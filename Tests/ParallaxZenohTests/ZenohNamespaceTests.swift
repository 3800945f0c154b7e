import Foundation
import Glibc
import Testing

/// Three machines simulated with network namespaces (`TestNetwork`): a Python router on the hub, a publishing
/// `parallax-launch` on one host and a subscribing one on another, each reaching the router over its own link.
/// Then the publisher's cable is pulled and plugged in again. Needs root; skipped, with the reason printed,
/// without it or without the Python runtime.
@Suite(.serialized) struct ZenohNamespaceTests {
    static let caps = "video/x-raw,format=RGBA,width=16,height=8,framerate=30/1"

    /// One frame of `videotestsrc pattern=colors` (the same every time, 129 different byte values) in `caps`.
    static func referenceFrame() throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zenoh-netns-\(getpid()).rgba").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (direct, _) = try ZenohElementTests.start(
            ["-q", "videotestsrc", "pattern=colors", "num-buffers=1", "!", caps, "!", "filesink", "location=" + path])
        direct.waitUntilExit()
        return Array(FileManager.default.contents(atPath: path) ?? Data())
    }

    @Test func framesCrossMachinesThroughARouterAndResumeWhenACutLinkIsRestored() throws {
        guard let python = ZenohNode.python, let network = try TestNetwork.make(hosts: ["pub", "sub"]) else { return }
        defer { network.remove() }
        let frame = try Self.referenceFrame()
        #expect(frame.count == 16 * 8 * 4)
        // Both sides of the router announce 1 s leases: a pulled cable is noticed within about a second.
        let router = try ZenohNode(
            python, ["router", "--listen", "tcp/0.0.0.0:7447", "--lease", "1000"],
            wrapper: network.command(in: "hub", []))
        defer { router.stop() }
        #expect(router.lines(through: "ready") != nil)
        let launch = ZenohElementTests.launch.path
        // stdbuf: fakesink prints through stdio, which a pipe would otherwise hold back in 4 KiB blocks.
        let subscriber = try LineProcess(network.command(in: "sub", [
            "/usr/bin/stdbuf", "-oL", launch, "-m", "zenoh_sub", "key=plant/**",
            "connect=tcp/\(network.hubAddress(for: "sub")):7447", "lease=1000", "discover-timeout=30000", "!",
            "fakesink", "silent=false", "dump=true",
        ]))
        defer { subscriber.stop() }
        let publisher = try LineProcess(network.command(in: "pub", [
            launch, "-m", "videotestsrc", "pattern=colors", "is-live=true", "!", Self.caps, "!", "zenoh_pub",
            "key=plant/camera/1",
            "connect=tcp/\(network.hubAddress(for: "pub")):7447", "lease=1000", "congestion=block",
        ]))
        defer { publisher.stop() }

        var frames = FrameReader()
        for _ in 0..<5 {
            let received = frames.next(from: subscriber, within: 30)
            #expect(received == frame, "subscriber:\n\(subscriber.tail())\npublisher:\n\(publisher.tail())")
            if received != frame { return }
        }

        // Pull the publisher's cable: its session sees the router fall silent and says so.
        try network.setLink(of: "pub", up: false)
        let lost = publisher.line(where: { $0.contains("zenoh-pub-connection") }, within: 10)
        #expect(lost?.contains("state=(string)lost") == true, "\(publisher.tail())")
        // The reason as the bus prints a string field: spaces and parentheses escaped.
        let reason = #"was\ silent\ for\ longer\ than\ its\ lease\ \(1000\ ms\)"#
        #expect(lost?.contains(reason) == true, "\(lost ?? "none")")
        // Whatever the router passed on before the cut has long arrived; frames it has are older than a lease.
        _ = frames.drain(subscriber)
        // While the publisher drops five frames (nothing can leave), nothing reaches the subscriber.
        var drops = 0
        while drops < 5, let line = publisher.line(where: { $0.contains("zenoh-pub-") }, within: 5) {
            if line.contains("zenoh-pub-drop") { drops += 1 }
        }
        #expect(drops == 5, "\(publisher.tail())")
        #expect(frames.drain(subscriber) == 0, "\(subscriber.tail())")

        // Plug it in again: the session comes back by itself and frames flow again.
        try network.setLink(of: "pub", up: true)
        let back = publisher.line(where: { $0.contains("zenoh-pub-connection") }, within: 20)
        #expect(back?.contains("state=(string)reconnected") == true, "\(publisher.tail())")
        for _ in 0..<5 {
            let received = frames.next(from: subscriber, within: 20)
            #expect(received == frame, "\(subscriber.tail())")
            if received != frame { return }
        }
        // The subscriber counted the frames dropped while the cable was out as lost, by their sequence numbers.
        let lostCount = frames.lossReports.reduce(0, +)
        #expect(lostCount >= drops, "\(subscriber.tail())")
    }
}

/// Frames out of `fakesink silent=false dump=true` lines: a `chain` line announces a buffer's length, the hex
/// dump lines after it hold its bytes. Also collects the `lost` counts of `zenoh-sub-loss` bus messages.
private struct FrameReader {
    private var expected = 0
    private var bytes: [UInt8] = []
    /// The `lost=` of every `zenoh-sub-loss` message read so far.
    var lossReports: [Int] = []

    /// The next whole frame within `seconds`, or nil.
    mutating func next(from process: LineProcess, within seconds: Double) -> [UInt8]? {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0, let line = process.line(within: deadline.timeIntervalSinceNow) {
            if let frame = take(line) { return frame }
        }
        return nil
    }

    /// Reads what the process has written so far without waiting; how many whole frames it held.
    mutating func drain(_ process: LineProcess) -> Int {
        var frames = 0
        for line in process.available() where take(line) != nil { frames += 1 }
        return frames
    }

    /// Takes one line; the frame it completes, if any.
    private mutating func take(_ line: String) -> [UInt8]? {
        // "chain   ******* (fakesink0:sink) (512 bytes, dts: …": a new buffer of that many bytes.
        if line.hasPrefix("chain"), let unit = line.firstRange(of: " bytes, ") {
            expected = Int(String(line[..<unit.lowerBound].reversed().prefix { $0.isNumber }.reversed())) ?? 0
            bytes = []
            return nil
        }
        if line.contains("zenoh-sub-loss"), let lost = line.firstRange(of: "lost=(int)") {
            lossReports.append(Int(line[lost.upperBound...].prefix { $0.isNumber }) ?? 0)
            return nil
        }
        // "00000000 (0x7f…): 00 01 02 …  ....": 16 bytes in hex after the address.
        guard expected > 0, let colon = line.firstRange(of: "): ") else { return nil }
        let hex = line[colon.upperBound...].prefix(48).split(separator: " ")
        bytes += hex.compactMap { UInt8($0, radix: 16) }
        guard bytes.count >= expected else { return nil }
        defer { expected = 0 }
        return bytes
    }
}
