/// The role a Zenoh node announces in INIT: router, peer or client.
public enum WhatAmI: UInt8, Sendable {
    /// Routes between other nodes.
    case router = 0
    /// Talks to other peers directly.
    case peer = 1
    /// Talks only to the router or peer it connected to (Parallax's role).
    case client = 2
}
