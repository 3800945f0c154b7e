import ParallaxCore

/// Test double for GStreamer's `identity` (its writable properties except the flags-typed
/// `drop-buffer-flags`, which `PropertyType` has no case for).
struct IdentityFixture: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    static let descriptor = ElementDescriptor<Self>(
        factory: "identity", longName: "Identity", klass: "Generic", description: "Pass data without modification",
        properties: [
            .bool(
                "check-imperfect-offset", \.checkImperfectOffset,
                "Send element messages if offset and offset_end do not match up"),
            .bool(
                "check-imperfect-timestamp", \.checkImperfectTimestamp,
                "Send element messages if timestamps and durations do not match up"),
            .int(
                "datarate", \.datarate, range: 0...2_147_483_647,
                "(Re)timestamps buffers with number of bytes per second (0 = inactive)"),
            .bool("drop-allocation", \.dropAllocation, "Don't forward allocation queries"),
            .double("drop-probability", \.dropProbability, range: 0...1, "The Probability a buffer is dropped"),
            .bool("dump", \.dump, "Dump buffer contents to stdout"),
            .int("eos-after", \.eosAfter, range: -1...2_147_483_647, "EOS after N buffers"),
            .int("error-after", \.errorAfter, range: -1...2_147_483_647, "Error after N buffers"),
            .bool("qos", \.qos, "Handle Quality-of-Service events"),
            .bool("signal-handoffs", \.signalHandoffs, "Send a signal before pushing the buffer"),
            .bool("silent", \.silent, "silent"),
            .bool(
                "single-segment", \.singleSegment,
                "Timestamp buffers and eat segments so as to appear as one segment"),
            .uint("sleep-time", \.sleepTime, range: 0...4_294_967_295, "Microseconds to sleep between processing"),
            .bool("sync", \.sync, "Synchronize to pipeline clock"),
            .int(
                "ts-offset", \.tsOffset, range: Int64.min...Int64.max,
                "Timestamp offset in nanoseconds for synchronisation, negative for earlier sync"),
        ])

    var checkImperfectOffset = false
    var checkImperfectTimestamp = false
    var datarate = 0
    var dropAllocation = false
    var dropProbability = 0.0
    var dump = false
    var eosAfter = -1
    var errorAfter = -1
    var qos = false
    var signalHandoffs = true
    var silent = true
    var singleSegment = false
    var sleepTime: UInt64 = 0
    var sync = false
    var tsOffset = 0

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
