import Parallax
import ParallaxCore
import Testing

/// The pure part of renegotiation: which links and elements a change touches, what it leaves alone, and that
/// a change the graph cannot follow leaves the planner as it was. No threads.
@Suite struct RenegotiationPlannerTests {
    static let launch =
        "videotestsrc name=src ! capsfilter name=cf caps=video/x-raw,format=GRAY8,width=64,height=48 "
        + "! videoscale ! video/x-raw,width=32,height=24 ! fakesink name=out"

    static func planner() throws -> RenegotiationPlanner {
        let pipeline = try Pipeline(launch: launch)
        let negotiated = try pipeline.negotiate()
        let elements = try negotiated.graph.nodes.map { try #require(pipeline.element(named: $0.name)) }
        return RenegotiationPlanner(negotiated: negotiated, elements: elements, negotiator: GlobalNegotiator())
    }

    static func gray(_ width: Int, _ height: Int) throws -> Caps {
        try Caps(parsing: "video/x-raw,format=GRAY8,width=\(width),height=\(height),framerate=30/1")
    }

    static func filter(_ text: String) throws -> PropertySetting {
        PropertySetting(name: "caps", value: .caps(try Caps(parsing: text)), text: text)
    }

    @Test func aCapsfilterChangeReconfiguresTheElementsAroundTheLinksItChanges() throws {
        var planner = try Self.planner()
        let setting = try Self.filter("video/x-raw,format=GRAY8,width=16,height=12")
        let plan = try planner.plan(.property(node: 1, setting))
        #expect(plan.source == 0)
        #expect(plan.tree == [0, 1, 2, 3])
        #expect(plan.changedLinks == [0, 1])
        let small = try Self.gray(16, 12), sink = try Self.gray(32, 24)
        #expect(zip(plan.linkCaps, [small, small, sink]).allSatisfy { sameCaps($0, $1) })
        #expect(plan.reconfigured.keys.sorted() == [0, 1, 2])
        #expect(plan.reconfigured[0]?.input == nil && sameCaps(plan.reconfigured[0]?.output, small))
        #expect(sameCaps(plan.reconfigured[1]?.input, small) && sameCaps(plan.reconfigured[1]?.output, small))
        #expect(sameCaps(plan.reconfigured[2]?.input, small) && sameCaps(plan.reconfigured[2]?.output, sink))
        #expect(plan.properties == [1: [setting]])
        #expect(planner.current.linkCaps == plan.linkCaps)
    }

    @Test func aChangeThatChangesNoCapsOnlyCarriesTheProperty() throws {
        var planner = try Self.planner()
        let setting = try Self.filter("video/x-raw,format={GRAY8,I420},width=64,height=48")
        let plan = try planner.plan(.property(node: 1, setting))
        #expect(plan.changedLinks.isEmpty)
        #expect(plan.reconfigured.isEmpty)
        #expect(!plan.isEmpty)
    }

    @Test func aSourcesOwnCapsStayPinnedForLaterChanges() throws {
        var planner = try Self.planner()
        let first = try planner.plan(.sourceCaps(node: 0, try Self.gray(64, 48).intersection(Self.gray(64, 48))))
        #expect(first.isEmpty)
        let widened = try Self.filter("video/x-raw,format=GRAY8")
        let second = try planner.plan(.property(node: 1, widened))
        #expect(second.changedLinks.isEmpty)
        #expect(sameCaps(planner.current.linkCaps[0], try Self.gray(64, 48)))
    }

    @Test func aFailedChangeLeavesThePlannerAsItWas() throws {
        var planner = try Self.planner()
        let before = planner.current
        #expect(throws: NegotiationError.self) {
            try planner.plan(.property(node: 1, try Self.filter("audio/x-raw")))
        }
        #expect(planner.current == before)
        let plan = try planner.plan(.property(node: 1, try Self.filter("video/x-raw,format=GRAY8,width=16,height=12")))
        #expect(plan.changedLinks == [0, 1])
    }
}
