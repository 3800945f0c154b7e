/// `${NAME}` and `${NAME:-default}` in a deployment file's values, replaced from a set of variables.
///
/// ```swift
/// let text = try VariableSubstitution(variables: ["SITE": "lab"]).apply("key=${SITE}/cam ${N:-1}")
/// // "key=lab/cam 1"
/// ```
/// `${NAME:-default}` takes `default` when `NAME` is unset or empty; `$$` is a literal `$`; any other `$` is
/// kept as it is. A pure value; any thread.
struct VariableSubstitution: Sendable {
    /// Why a value could not be substituted.
    struct Failure: Error, Sendable, Equatable {
        /// What is wrong (`variable SITE is not set`).
        var message: String
        /// The UTF-8 offset in the value of the `${` at fault.
        var offset: Int
        /// The length in UTF-8 bytes of the reference at fault (to its `}` or the end of the value).
        var length: Int
        /// The variable's name, or nil when the reference itself is malformed.
        var variable: String?
    }

    /// The variables, by name.
    var variables: [String: String]

    /// `text` with every reference replaced.
    func apply(_ text: String) throws(Failure) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "$") {
                output.append(byte)
                index += 2
                continue
            }
            guard bytes[index + 1] == UInt8(ascii: "{") else {
                output.append(byte)
                index += 1
                continue
            }
            guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                throw Failure(message: "unterminated \"${\"", offset: index, length: bytes.count - index, variable: nil)
            }
            let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            let name: String
            let fallback: String?
            if let separator = inner.firstRange(of: ":-") {
                name = String(inner[..<separator.lowerBound])
                fallback = String(inner[separator.upperBound...])
            } else {
                name = inner
                fallback = nil
            }
            guard Self.isName(name) else {
                throw Failure(
                    message: "\"${\(inner)}\" is not a variable reference (write ${NAME} or ${NAME:-default})",
                    offset: index, length: close + 1 - index, variable: nil)
            }
            if let value = variables[name], !(fallback != nil && value.isEmpty) {
                output += Array(value.utf8)
            } else if let fallback {
                output += Array(fallback.utf8)
            } else {
                throw Failure(
                    message: "variable \(name) is not set", offset: index, length: close + 1 - index, variable: name)
            }
            index = close + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `name` is a variable name: a letter or `_`, then letters, digits and `_`.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }
}
