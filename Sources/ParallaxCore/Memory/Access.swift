/// The rights a holder has on a buffer's memory, enforced by the mapping it was given.
///
/// A producer maps its output arena `readWrite`; a consumer in another process receives a descriptor
/// re-opened read-only, so its mapping is `readOnly` and the kernel refuses writes.
public enum Access: String, Sendable, Hashable, Codable {
    /// The holder may read only.
    case readOnly = "read-only"
    /// The holder may read and write.
    case readWrite = "read-write"
}
