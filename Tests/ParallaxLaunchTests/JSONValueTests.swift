import Testing

@testable import parallax_launch

/// The JSON writer behind `--graph-json`: Python's `json.dumps(indent=2, ensure_ascii=False)` layout.
@Suite("JSONValue")
struct JSONValueTests {
    @Test("nested values, empty containers and key order")
    func layout() {
        let value = JSONValue.object([
            ("b", .array([.int(-1), .uint(18_446_744_073_709_551_615), .bool(true), .null])),
            ("a", .object([])),
            ("c", .array([])),
        ])
        #expect(
            value.rendered == """
                {
                  "b": [
                    -1,
                    18446744073709551615,
                    true,
                    null
                  ],
                  "a": {},
                  "c": []
                }
                """)
    }

    @Test(
        "doubles are written as Python's repr writes them",
        arguments: [
            (440.0, "440.0"), (0.25, "0.25"), (1e-05, "1e-05"), (1e16, "1e+16"), (-2.5e-300, "-2.5e-300"),
            (0.1, "0.1"),
        ])
    func numbers(value: Double, text: String) {
        #expect(JSONValue.number(value) == text)
    }

    @Test("strings escape quotes, backslashes and control characters only")
    func strings() {
        #expect(JSONValue.quoted("a\"b\\c\nd\te\u{01}é") == "\"a\\\"b\\\\c\\nd\\te\\u0001é\"")
    }
}
