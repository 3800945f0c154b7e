import Glibc

extension iovec {
    /// A piece to write: `bytes`' memory, which must stay valid until the write returns.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.init(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
    }
}
