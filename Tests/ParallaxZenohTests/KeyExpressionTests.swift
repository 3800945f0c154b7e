import ParallaxZenoh
import Testing

@Suite struct KeyExpressionTests {
    @Test(arguments: [
        ("a/b/c", "a/b/c", true), ("a/*/c", "a/b/c", true), ("a/*", "a/b/c", false), ("a/**", "a/b/c", true),
        ("a/**", "a", true), ("**", "x/y", true), ("a/**/c", "a/c", true), ("a/**/c", "a/b/d/c", true),
        ("a/**/c", "a/b/d", false), ("a/b$*", "a/bcd", true), ("a/$*d", "a/bcd", true), ("a/b$*", "a/c", false),
        ("factory/camera/**", "factory/camera/1", true), ("factory/camera/**", "factory/mic/1", false),
    ])
    func matching(pattern: String, key: String, expected: Bool) throws {
        let a = try KeyExpression(pattern), b = try KeyExpression(key)
        #expect(a.intersects(b) == expected)
        #expect(b.intersects(a) == expected)
    }

    @Test func invalidExpressionsNameWhatIsWrong() {
        #expect(throws: ZenohError.invalidKey("the key expression is empty")) { try KeyExpression("") }
        #expect(throws: ZenohError.invalidKey("key expression \"a//b\" has an empty chunk")) { try KeyExpression("a//b") }
        #expect(throws: ZenohError.invalidKey("key expression \"/a\" has an empty chunk")) { try KeyExpression("/a") }
        #expect(throws: ZenohError.invalidKey("key expression \"a/#\" contains \"#\"")) { try KeyExpression("a/#") }
    }

    @Test func endpointsAreTCPWithAPort() throws {
        #expect(try ZenohEndpoint("tcp/127.0.0.1:7447").description == "tcp/127.0.0.1:7447")
        #expect(try ZenohEndpoint("tcp/[::1]:7447").host == "::1")
        #expect(throws: ZenohError.invalidEndpoint("endpoint \"udp/1.2.3.4:7447\" is not tcp/HOST:PORT (only TCP is supported)")) {
            try ZenohEndpoint("udp/1.2.3.4:7447")
        }
        #expect(throws: ZenohError.invalidEndpoint("endpoint \"tcp/host\" has no port (tcp/HOST:PORT)")) {
            try ZenohEndpoint("tcp/host")
        }
    }
}
