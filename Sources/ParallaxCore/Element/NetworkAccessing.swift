/// An element that opens network connections itself (`zenoh_pub`, `zenoh_sub`, `udpsrc`, `tcpclientsink`, …).
/// A marker with nothing to implement: isolated, such an element gets what it needs without configuration —
/// an element host sandbox with the `network` profile (sockets allowed) that stays in the pipeline's network
/// namespace, where every other element gets `compute` and a network namespace of its own with nothing in it.
///
/// ```swift
/// public struct ZenohPublish: Sink, NetworkAccessing { … }
/// ```
/// ```
/// parallax-launch -v --isolated videotestsrc ! zenoh_pub key=camera/1 connect=tcp/10.0.0.2:7447
/// /pipeline0/zenoh_pub0: own host, sandbox(profile=network namespaces=mount,ipc,uts …)
/// ```
/// An explicit sandbox for the element (`IsolatingPlacement.sandboxes`) is used as given. `ElementInfo`
/// records the declaration (`accessesNetwork`), and `--inspect` prints it.
/// Thread: a marker; no requirements.
public protocol NetworkAccessing: Element {}
