import ParallaxCore
import ParallaxElements
import Testing

@Suite struct ElementRegistryStockTests {
    @Test func registersEveryStockElement() {
        #expect(ElementRegistry.stock.factories == [
            "appsink", "appsrc", "audioconvert", "audiomixer", "audiorate", "audioresample", "audiotestsrc", "av1dec",
            "av1enc", "av1parse", "capsfilter", "clockoverlay", "compositor", "fakesink", "fakesrc", "filesink", "filesrc",
            "fpsdisplaysink", "funnel", "identity", "input-selector", "ipc_sink", "ipc_src", "ivfmux", "ivfparse",
            "level", "matroskademux", "matroskamux", "multifilesink", "multifilesrc", "output-selector", "pngenc",
            "progressreport", "queue", "rawaudioparse", "rawvideoparse", "rtpL16depay", "rtpL16pay", "rtpav1depay",
            "rtpav1pay", "rtpjitterbuffer", "rtpvrawdepay", "rtpvrawpay", "tcpclientsink", "tcpclientsrc",
            "tcpserversink", "tcpserversrc", "tee", "timeoverlay", "udpsink", "udpsrc", "valve", "videobalance",
            "videobox", "videoconvert", "videocrop", "videoflip", "videorate", "videoscale", "videotestsrc", "volume",
            "vulkanconvert", "vulkandownload", "vulkanscale", "vulkanupload", "wavenc", "wavparse", "webmmux", "y4mdec", "y4menc", "zenoh_pub", "zenoh_sub",
        ])
        #expect(ElementRegistry.stock["videotestsrc"]?.info.role == .source)
        #expect(ElementRegistry.stock["identity"]?.info.role == .transform)
        #expect(ElementRegistry.stock["filesink"]?.info.role == .sink)
    }

    @Test(arguments: ElementRegistry.stock.factories)
    func inspectOutputIsAccurate(_ factory: String) throws {
        let info = try #require(ElementRegistry.stock[factory]).info
        #expect(!info.description.isEmpty)
        #expect(!info.longName.isEmpty)
        #expect(!info.klass.isEmpty)
        #expect(!info.padTemplates.isEmpty)
        let names = info.properties.map(\.name)
        #expect(Set(names).count == names.count, "duplicate property names in \(info.factory)")
        for property in info.properties {
            #expect(!property.blurb.isEmpty, "\(info.factory).\(property.name) has no blurb")
            if case .enumeration(_, let cases) = property.type {
                #expect(Set(cases.map(\.nick)).count == cases.count)
                #expect(Set(cases.map(\.value)).count == cases.count)
            }
            if case .string(nil) = property.defaultValue { continue }  // unset (GStreamer's NULL)
            let text: String
            switch property.defaultValue {
            case .string(let value?): text = value
            case .caps(let caps): text = caps.description
            default: text = property.defaultValue.description
            }
            #expect(property.type.parse(text) == .success(property.defaultValue),
                    "\(info.factory).\(property.name) default \(text) does not parse back")
        }
    }

    @Test func makesConfiguredElements() throws {
        let entry = try #require(ElementRegistry.stock["fakesrc"])
        let type = try #require(entry.info.property(named: "num-buffers")?.type)
        let value = try type.parse("7").get()
        let element = try entry.make([PropertySetting(name: "num-buffers", value: value, text: "7")])
        #expect((element as? FakeSource)?.numBuffers == 7)
        #expect(throws: ElementError("no property \"bogus\" in element \"fakesrc\"")) {
            try entry.make([PropertySetting(name: "bogus", value: .bool(true), text: "true")])
        }
    }

    @Test func everyPadTemplateIsNamedForItsDirection() {
        for element in ElementRegistry.stock.elements {
            for template in element.type.padTemplates {
                let expected = template.direction == .sink ? "sink" : "src"
                // Muxers name their request pads by media, as GStreamer's do (`video_%u`, `audio_%u`).
                let byMedia = template.direction == .sink && template.presence == .request
                    && ["video_%u", "audio_%u"].contains(template.name)
                #expect(template.name.hasPrefix(expected) || byMedia, "\(element.info.factory): \(template.name)")
            }
        }
    }
}
