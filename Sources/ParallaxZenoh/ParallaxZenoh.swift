// A native Zenoh client: the wire protocol (version 0x09, Zenoh 1.x) in the client role over TCP.
