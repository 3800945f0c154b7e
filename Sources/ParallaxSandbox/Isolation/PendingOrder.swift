/// A work order sent to an element host and not answered yet (`HostConnection.submit`, then `collect`).
///
/// ```
/// call N:   submit(order N) ─► host starts N   │  collect(order N-1) ─► its answer, long since written
/// ```
/// Thread: made and used by the element's streaming thread.
struct PendingOrder: Sendable {
    /// The element's number in its host.
    let element: UInt16
    /// The room of the output slot the order lent, which the answer's length may not exceed (0: none).
    let room: UInt64
    /// The host the order went to (`HostConnection` counts the hosts it starts); an order sent to a host that
    /// was restarted before it answered is lost.
    let generation: UInt64
}
