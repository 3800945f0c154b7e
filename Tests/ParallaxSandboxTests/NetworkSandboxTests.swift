import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime
import ParallaxSandbox
import Testing

/// Elements that open connections themselves (`NetworkAccessing`) get the `network` profile in the pipeline's
/// network namespace when isolated, without anyone naming a profile.
@Suite struct NetworkSandboxTests {
    @Test func reachingTheNetworkSwapsTheProfileAndKeepsThePipelinesNetwork() {
        let sandbox = ElementSandbox(
            profile: .files, namespaces: [.mount, .network, .pid], hostname: "h", dropToNobody: false)
        let reaching = sandbox.reachingTheNetwork
        #expect(reaching.profile == .network)
        #expect(reaching.namespaces == [.mount, .pid])
        #expect(reaching.hostname == "h")
        #expect(reaching.dropToNobody == false)
        #expect(ElementSandbox().reachingTheNetwork.description
            == "sandbox(profile=network namespaces=mount,ipc,uts hostname=parallax user=65534:65534 no-new-privs=yes "
                + "pdeathsig=9 rlimits=as:-,cpu:-,nofile:-,nproc:- cgroup=- violation=kill fallback=no)")
    }

    @Test func networkElementsSayItInTheirInfo() {
        #expect(UDPSink.info.accessesNetwork)
        #expect(TCPClientSource.info.accessesNetwork)
        #expect(!FakeSink.info.accessesNetwork)
    }

    @Test func anIsolatedNetworkElementGetsTheNetworkProfileAndOthersKeepTheirs() throws {
        let graph = try LaunchParser(registry: .stock).parse("fakesrc num-buffers=1 ! udpsink host=127.0.0.1 port=9")
        let pipeline = try Pipeline(graph, registry: .stock, placement: IsolatingPlacement(mode: .isolated()))
        #expect(pipeline.placementDescription == [
            "fakesrc0: own host, \(ElementSandbox())", "udpsink0: own host, \(ElementSandbox().reachingTheNetwork)",
        ])
    }

    @Test func aSandboxChosenForTheElementIsUsedAsGiven() throws {
        let graph = try LaunchParser(registry: .stock).parse("fakesrc num-buffers=1 ! udpsink host=127.0.0.1 port=9")
        let chosen = ElementSandbox(hostname: "chosen")
        let placement = IsolatingPlacement(mode: .isolated(), sandboxes: ["udpsink0": chosen])
        #expect(placement.sandbox(for: "udpsink0", element: UDPSink()) == chosen)
        #expect(IsolatingPlacement(mode: .isolated()).sandbox(for: "udpsink0", element: UDPSink()).profile == .network)
        let pipeline = try Pipeline(graph, registry: .stock, placement: placement)
        #expect(pipeline.placementDescription.last == "udpsink0: own host, \(chosen)")
    }

    @Test func aGroupHostReachesTheNetworkWhenOneOfItsElementsDoes() throws {
        let graph = try LaunchParser(registry: .stock).parse(
            "fakesrc num-buffers=1 ! identity ! udpsink host=127.0.0.1 port=9")
        let placement = IsolatingPlacement(mode: .grouped(groups: ["identity0": "g", "udpsink0": "g"]))
        let pipeline = try Pipeline(graph, registry: .stock, placement: placement)
        #expect(pipeline.placementDescription == [
            "fakesrc0: in-process",
            "identity0: host of group g, \(ElementSandbox().reachingTheNetwork)",
            "udpsink0: host of group g, \(ElementSandbox().reachingTheNetwork)",
        ])
    }
}
