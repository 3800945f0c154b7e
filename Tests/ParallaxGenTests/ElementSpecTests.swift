import Parallax
import ParallaxGenKit
import Testing

@Suite struct ElementSpecTests {
    func error(_ draft: ElementSpec.Draft) -> String? {
        do {
            _ = try ElementSpec(draft)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aTransformFromOptions() throws {
        let spec = try ElementSpec(
            ElementSpec.Draft(
                name: "brightness", kind: "transform", input: "video/x-raw,format=RGBA",
                properties: ["adjustment:int=0[-255...255]", "mode:enum(fast|slow)=slow", "label:string=hi"]))
        #expect(spec.typeName == "Brightness")
        #expect(spec.input?.swiftType == "RawVideo<RGBA>")
        #expect(spec.output?.swiftType == "RawVideo<RGBA>")
        #expect(spec.klass == "Filter/Video")
        #expect(spec.properties.map(\.name) == ["adjustment", "mode", "label"])
        #expect(spec.properties[0].type == .int(-255...255))
        #expect(spec.properties[1].defaultValue == .enumeration("slow"))
        #expect(spec.properties[2].defaultValue == .string("hi"))
    }

    @Test func mediaTypesMapToSwiftTypes() throws {
        let names = try [
            "video/x-raw,format=I420", "video/x-raw", "audio/x-raw,format=F32LE",
            "audio/x-raw,format=S16LE,layout=interleaved",
            "audio/x-raw", "video/x-av1", "ANY", "bytes",
        ].map { text throws(SpecError) in try MediaTypeName(parsing: text, field: "input").swiftType }
        #expect(
            names == [
                "RawVideo<I420>", "RawVideo<AnyPixelFormat>", "RawAudio<F32LE>", "RawAudio<S16LE>",
                "RawAudio<AnyAudioFormat>", "EncodedVideo<AV1>", "AnyMedia", "ByteStream",
            ])
    }

    @Test func badSpecsNameTheField() {
        let transform = ElementSpec.Draft(name: "brightness", kind: "transform", input: "video/x-raw,format=RGBA")
        var draft = transform
        draft.name = "Bright Ness"
        #expect(
            error(draft)
                == "name: \"Bright Ness\" is not a factory name (lowercase letters, digits and dashes, starting with a letter)"
        )
        draft = transform
        draft.kind = "filter"
        #expect(error(draft) == "kind: \"filter\" is not source, transform or sink")
        draft = transform
        draft.input = "video/x-foo"
        #expect(
            error(draft)
                == "input: unknown media type \"video/x-foo\" (known: video/x-raw, audio/x-raw, video/x-av1, ANY, bytes)"
        )
        draft = transform
        draft.output = "video/x-raw,format=RGBB"
        #expect(
            error(draft)
                == "output: unknown video format \"RGBB\" (known: I420, YV12, NV12, NV21, YUY2, UYVY, Y444, RGBA, BGRA, "
                + "RGBx, BGRx, RGB, BGR, GRAY8, I420_10LE)")
        draft = transform
        draft.input = "video/x-raw,format=RGBA,width=320"
        #expect(error(draft) == "input: field \"width\" cannot be part of a media type (video/x-raw takes only format)")
        draft = transform
        draft.input = "video/x-raw,format="
        #expect(error(draft)?.hasPrefix("input: \"video/x-raw,format=\" is not caps: ") == true)
        draft = ElementSpec.Draft(name: "tone", kind: "source", input: "ANY", output: "ANY")
        #expect(error(draft) == "input: a source has no input")
        draft = ElementSpec.Draft(name: "out", kind: "sink", input: "ANY", output: "ANY")
        #expect(error(draft) == "output: a sink has no output")
        draft = ElementSpec.Draft(name: "tone", kind: "source")
        #expect(error(draft) == "output: missing (a source needs the caps it produces)")
    }

    @Test func badPropertiesNameTheField() {
        func propertyError(_ text: String) -> String? {
            error(ElementSpec.Draft(name: "brightness", kind: "transform", input: "ANY", properties: [text]))
        }
        #expect(
            propertyError("adjustment:integer=0")
                == "properties.adjustment.type: \"integer\" is not a property type (expected int, uint, double, bool, string or enum(a|b|…))"
        )
        #expect(
            propertyError("adjustment:int=300[-255...255]")
                == "properties.adjustment.default: \"300\" is not an integer in -255...255")
        #expect(
            propertyError("adjustment:int=0[5...1]")
                == "properties.adjustment.range: \"[5...1]\" is not a range (expected [low...high], low <= high)")
        #expect(
            propertyError("gain:double=x")
                == "properties.gain.default: \"x\" is not a number in -1.7976931348623157e+308...1.7976931348623157e+308"
        )
        #expect(propertyError("on:bool=true[0...1]") == "properties.on.range: a bool property has no range")
        #expect(
            propertyError("mode:enum(fast|Slow)")
                == "properties.mode.type: case \"Slow\" is not a nick (lowercase letters, digits and dashes)")
        #expect(propertyError("mode:enum(fast|fast)") == "properties.mode.type: enum cases repeat")
        #expect(
            propertyError("adjustment")
                == "properties[0]: \"adjustment\" is not a property (expected name:type=default[range])")
        #expect(
            propertyError("Adjust:int")
                == "properties[0].name: \"Adjust\" is not a property name (lowercase letters, digits and dashes, starting with a letter)"
        )
        #expect(
            error(ElementSpec.Draft(name: "b", kind: "transform", input: "ANY", properties: ["a:int", "a:bool"]))
                == "properties.a: declared twice")
    }

    @Test func aYAMLSpec() throws {
        let yaml = """
            name: gain
            kind: transform
            input: audio/x-raw,format=S16LE
            description: Multiplies samples
            properties:
              - mute:bool
              - name: factor
                type: double
                default: 1.5
                range: 0...4
                description: The multiplier
            """
        let spec = try ElementSpec(ElementSpec.Draft(yaml: yaml))
        #expect(spec.summary == "Multiplies samples")
        #expect(spec.output?.swiftType == "RawAudio<S16LE>")
        #expect(spec.properties.map(\.name) == ["mute", "factor"])
        #expect(spec.properties[1].type == .double(0...4))
        #expect(spec.properties[1].defaultValue == .double(1.5))
        #expect(spec.properties[1].blurb == "The multiplier")
    }

    @Test func badYAMLNamesTheField() {
        func yamlError(_ yaml: String) -> String? {
            do {
                _ = try ElementSpec(ElementSpec.Draft(yaml: yaml))
                return nil
            } catch {
                return error.description
            }
        }
        #expect(
            yamlError("name: a\nkinds: sink")
                == "kinds: not a spec field (known: name, kind, input, output, properties, type, description, class, target)"
        )
        #expect(
            yamlError("name: a\nkind: sink\ninput: ANY\nproperties:\n  - name: x\n") == "properties[0].type: missing")
        #expect(yamlError("name: a\nkind: sink\ninput: [1, 2]") == "input: must be a single value")
        #expect(yamlError("- a\n- b") == "the spec must be a YAML mapping")
    }
}
