import Glibc

/// The text of a system error number, as `strerror` gives it (`No such file or directory`).
///
/// Used for the developer detail of element errors: `open: No such file or directory`.
/// Thread: any (`strerror_r`).
enum SystemError {
    /// The message for `code` (an `errno` value).
    static func message(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        return buffer.withUnsafeMutableBufferPointer { pointer -> String in
            // Swift's Glibc imports the XSI strerror_r: 0 on success, the message written into `pointer`.
            guard let base = pointer.baseAddress, strerror_r(code, base, pointer.count) == 0 else {
                return "error \(code)"
            }
            return String(cString: base)
        }
    }

    /// `call: message` for the current `errno`, e.g. `read: Input/output error`.
    static func describe(_ call: String, _ code: Int32 = errno) -> String {
        "\(call): \(message(code))"
    }
}
