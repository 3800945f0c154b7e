/// A subscribing session shared by the copies of one `zenoh_sub`: the session, the inbox its samples land in, and
/// the first sample when format discovery read it ahead.
/// Thread: the inbox is thread-safe; `first` is touched only by the control thread before start and the streaming
/// thread after.
final class ZenohSubscription: @unchecked Sendable {  // unchecked: `first` is handed from one thread to the next
    let session: ZenohSession
    let inbox: ZenohInbox
    var first: ZenohSample?

    init(connect: String, key: String, capacity: Int, leaseMilliseconds: UInt64) throws(ZenohError) {
        var options = ZenohSession.Options()
        options.reconnect = true
        options.leaseMilliseconds = leaseMilliseconds
        let inbox = ZenohInbox(capacity: capacity)
        session = try ZenohSession(connect: connect, options: options)
        self.inbox = inbox
        try session.subscribe(key) { inbox.push($0) }
    }

    func close() {
        inbox.close()
        session.close()
    }
}
