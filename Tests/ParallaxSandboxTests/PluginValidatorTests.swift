import ParallaxCore
import ParallaxSandbox
import Testing

/// The supervisor's checks of a plugin table, on descriptions made by hand (no process involved).
@Suite struct PluginValidatorTests {
    static let property = PluginDescription.Property(
        type: 2, name: "adjustment", blurb: "Added to R, G and B", intRange: (-255, 255, 0))

    static func element(
        factory: String? = "brightness", kind: UInt32 = 2, flags: UInt32 = 1, sinkCaps: String? = "video/x-raw",
        functions: Bool = true, properties: [PluginDescription.Property] = [property], structSize: UInt32 = 128
    ) -> PluginDescription.Element {
        PluginDescription.Element(
            structSize: structSize, kind: kind, flags: flags, declaredProperties: UInt32(properties.count),
            factory: factory, longName: "Brightness", klass: "Filter/Effect/Video", description: "Brightens",
            author: nil, sinkCaps: sinkCaps, srcCaps: "video/x-raw", hasRequiredFunctions: functions,
            properties: properties)
    }

    static func plugin(_ elements: [PluginDescription.Element], abi: UInt32 = 1) -> PluginDescription {
        PluginDescription(
            file: "/p/x.so", abiVersion: abi, tableSize: 24, declaredElements: UInt32(elements.count),
            elements: elements)
    }

    static func reason(_ description: PluginDescription, reserved: [String: String] = [:]) -> String? {
        do {
            _ = try PluginValidator(reserved: reserved).validate(description)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aWellFormedTableBecomesElementDescriptions() throws {
        let specs = try PluginValidator(reserved: [:]).validate(Self.plugin([Self.element()]))
        #expect(specs.count == 1)
        #expect(specs[0].processesInPlace)
        #expect(specs[0].info.factory == "brightness")
        #expect(specs[0].info.author == "unknown")
        #expect(specs[0].info.role == .transform)
        #expect(
            specs[0].info.properties == [
                PropertyInfo(
                    name: "adjustment", type: .int(-255...255), blurb: "Added to R, G and B", defaultValue: .int(0))
            ])
    }

    @Test func eachFaultIsNamed() {
        let cases: [(PluginDescription, String)] = [
            (
                Self.plugin([Self.element()], abi: 2),
                "it was built for plugin ABI version 2; this Parallax loads version 1"
            ),
            (
                PluginDescription(file: "/p/x.so", abiVersion: 1, tableSize: 8),
                "its table declares 8 bytes; ABI version 1 needs 24"
            ),
            (Self.plugin([]), "its table declares no elements"),
            (
                Self.plugin([Self.element(structSize: 40)]),
                "element 1: its descriptor declares 40 bytes; ABI version 1 needs 128"
            ),
            (Self.plugin([Self.element(factory: nil)]), "element 1 has no factory name"),
            (
                Self.plugin([Self.element(factory: "Bright ness")]),
                "element 1: factory name \"Bright ness\" is not valid (a lower-case letter, then lower-case letters, "
                    + "digits and '-', at most 64 bytes)"
            ),
            (
                Self.plugin([Self.element(kind: 1)]),
                "element \"brightness\" is a source; plugin ABI version 1 loads transform elements only"
            ),
            (Self.plugin([Self.element(kind: 9)]), "element \"brightness\" has unknown kind 9"),
            (Self.plugin([Self.element(flags: 6)]), "element \"brightness\" sets unknown flags 0x6"),
            (Self.plugin([Self.element(sinkCaps: nil)]), "element \"brightness\" has no sink caps"),
            (Self.plugin([Self.element(functions: false)]), "element \"brightness\" lacks create, process or destroy"),
            (
                Self.plugin([Self.element(properties: [Self.property, Self.property])]),
                "element \"brightness\" declares property \"adjustment\" twice"
            ),
            (
                Self.plugin([
                    Self.element(properties: [.init(type: 2, name: "level", blurb: nil, intRange: (0, 10, 11))])
                ]),
                "element \"brightness\": property \"level\" has default 11 outside its range 0...10"
            ),
            (
                Self.plugin([Self.element(properties: [.init(type: 3, name: "size", blurb: nil, uintRange: (5, 1, 3))])]
                ),
                "element \"brightness\": property \"size\" has an empty range 5...1"
            ),
            (
                Self.plugin([
                    Self.element(properties: [.init(type: 4, name: "gain", blurb: nil, doubleRange: (0, .infinity, 1))])
                ]), "element \"brightness\": property \"gain\" has a bound that is not finite"
            ),
            (
                Self.plugin([Self.element(properties: [.init(type: 1, name: "on", blurb: nil, boolDefault: 2)])]),
                "element \"brightness\": property \"on\" has default 2; a boolean is 0 or 1"
            ),
            (
                Self.plugin([Self.element(properties: [.init(type: 42, name: "odd", blurb: nil)])]),
                "element \"brightness\": property \"odd\" has unknown type 42"
            ),
            (
                Self.plugin([Self.element(properties: [.init(type: 5, name: nil, blurb: nil)])]),
                "element \"brightness\" has a property without a name"
            ),
            (Self.plugin([Self.element(), Self.element()]), "it declares element \"brightness\" twice"),
            (
                PluginDescription(file: "/p/x.so", loadFailure: "cannot load it: file too short"),
                "cannot load it: file too short"
            ),
        ]
        for (description, expected) in cases {
            #expect(Self.reason(description) == expected)
        }
        #expect(
            Self.reason(Self.plugin([Self.element()]), reserved: ["brightness": "a built-in element"])
                == "element \"brightness\" clashes with a built-in element of that name")
    }

    @Test func aRejectionNamesTheFile() {
        let rejection = PluginRejection(file: "/p/x.so", reason: "its table declares no elements")
        #expect(rejection.description == "plugin /p/x.so rejected: its table declares no elements")
    }

    @Test func descriptionsRoundTripOnTheControlSocket() throws {
        let description = Self.plugin([
            Self.element(properties: [
                Self.property, .init(type: 5, name: "label", blurb: "Text", stringDefault: "hi"),
                .init(type: 4, name: "gain", blurb: nil, doubleRange: (0, 2.5, 1)),
            ])
        ])
        for message in [ControlMessage.pluginDescription(description), .plugin("/p/x.so")] {
            #expect(try ControlMessage.decode(message.encoded()) == message)
        }
    }
}
