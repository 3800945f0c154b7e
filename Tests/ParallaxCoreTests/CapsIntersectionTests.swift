import ParallaxCore
import Testing

private func caps(_ text: String) throws -> Caps {
    try Caps(parsing: text)
}

@Suite("Caps intersection, subset and union")
struct CapsIntersectionTests {
    /// Expected texts were checked against GStreamer 1.22's `gst_caps_intersect_full(…, GST_CAPS_INTERSECT_FIRST)`.
    @Test("Intersection matches gst_caps_intersect_full with INTERSECT_FIRST", arguments: [
        ("video/x-raw,format={I420,NV12},width=[16,4096]", "video/x-raw,format=NV12,width=640",
         "video/x-raw, format=(string)NV12, width=(int)640"),
        ("video/x-raw,format={I420,NV12,YUY2}", "video/x-raw,format={YUY2,NV12}",
         "video/x-raw, format=(string){ NV12, YUY2 }"),
        ("video/x-raw,format={I420,NV12,YUY2}", "video/x-raw,format={RGB,BGR}", "EMPTY"),
        ("ANY", "video/x-raw,width=5", "video/x-raw, width=(int)5"),
        ("video/x-raw,width=5", "ANY", "video/x-raw, width=(int)5"),
        ("EMPTY", "ANY", "EMPTY"),
        ("video/x-raw,width=[1,10]", "video/x-raw,width=[10,20]", "video/x-raw, width=(int)10"),
        ("video/x-raw,width=[1,10]", "video/x-raw,width=[11,20]", "EMPTY"),
        ("video/x-raw,width=[2,20,2]", "video/x-raw,width=[3,21,3]", "video/x-raw, width=(int)[ 6, 18, 6 ]"),
        ("video/x-raw,width=[4,96,4]", "video/x-raw,width=[6,102,6]", "video/x-raw, width=(int)[ 12, 96, 12 ]"),
        ("video/x-raw,width=[2,20,2]", "video/x-raw,width={3,4,5,6}", "video/x-raw, width=(int){ 4, 6 }"),
        ("video/x-raw,width=[1.0,2.0]", "video/x-raw,width=[1.5,3.0]", "video/x-raw, width=(double)[ 1.5, 2 ]"),
        ("video/x-raw,framerate=[0/1,30/1]", "video/x-raw,framerate=[25/1,60/1]",
         "video/x-raw, framerate=(fraction)[ 25/1, 30/1 ]"),
        ("video/x-raw,framerate=[0/1,30/1]", "video/x-raw,framerate={60/1,25/1,30/1}",
         "video/x-raw, framerate=(fraction){ 25/1, 30/1 }"),
        ("video/x-raw,framerate=[0/1,30/1]", "video/x-raw,framerate=60/2", "video/x-raw, framerate=(fraction)30/1"),
        ("video/x-raw,width=5", "video/x-raw,width=5.0", "EMPTY"),
        ("video/x-raw,width=5", "video/x-raw,height=6", "video/x-raw, width=(int)5, height=(int)6"),
        ("video/x-raw", "audio/x-raw", "EMPTY"),
        ("video/x-raw(memory:DMABuf),width=5", "video/x-raw,width=5", "EMPTY"),
        ("video/x-raw(memory:DMABuf),width=5", "video/x-raw(memory:DMABuf),width=[1,10]",
         "video/x-raw(memory:DMABuf), width=(int)5"),
        ("video/x-raw(ANY),width=5", "video/x-raw(memory:DMABuf),width=[1,10]",
         "video/x-raw(memory:DMABuf), width=(int)5"),
        ("video/x-raw,width=[1,10];video/x-raw,width=[5,20]", "video/x-raw,width=[1,30]",
         "video/x-raw, width=(int)[ 1, 10 ]; video/x-raw, width=(int)[ 5, 20 ]"),
        ("video/x-raw,width=[1,10];video/x-raw,width=[1,5]", "video/x-raw,width=[1,30]",
         "video/x-raw, width=(int)[ 1, 10 ]"),
        ("video/x-raw,format=I420;video/x-raw,format=NV12", "video/x-raw,format=NV12;video/x-raw,format=I420",
         "video/x-raw, format=(string)I420; video/x-raw, format=(string)NV12"),
        ("video/x-raw,a=1,b=2", "video/x-raw,c=3,b=2,d=4", "video/x-raw, a=(int)1, b=(int)2, c=(int)3, d=(int)4"),
        ("video/x-raw,a={1,2,3}", "video/x-raw,a={3,2,[1,2]}", "video/x-raw, a=(int){ 1, 2, 3 }"),
        ("video/x-raw,a={[1,5],[3,8]}", "video/x-raw,a=[4,6]", "video/x-raw, a=(int){ [ 4, 5 ], [ 4, 6 ] }"),
        ("a,x=[1,5]", "a,x={9,4,[2,3],1}", "a, x=(int){ 4, [ 2, 3 ], 1 }"),
        ("video/x-raw,a=true", "video/x-raw,a={false,true}", "video/x-raw, a=(boolean)true"),
    ])
    func matchesGStreamer(lhs: String, rhs: String, expected: String) throws {
        #expect(try caps(lhs).intersection(caps(rhs)).description == expected)
    }

    @Test("Where GStreamer 1.22 misbehaves, the mathematically right answer is given")
    func gstreamerBugs() throws {
        // GStreamer 1.22 returns (double)0 here: it stores the touching point as an int in a double value.
        #expect(try caps("a,x=[1.0,2.0]").intersection(caps("a,x=[2.0,3.0]")).description == "a, x=(double)2")
    }

    @Test("Stepped int ranges with different anchors meet on the common grid")
    func steppedRangesDifferentAnchors() {
        // 1, 4, 7, 10, 13, 16, 19 ∩ 0, 2, 4, ..., 20 = 4, 10, 16
        let a = CapsValue.intRange(1...20, step: 3), b = CapsValue.intRange(0...20, step: 2)
        #expect(a.intersection(b) == .intRange(4...16, step: 6))
        #expect(b.intersection(a) == .intRange(4...16, step: 6))
        // 0, 4, 8 ∩ 2, 6, 10 share nothing.
        #expect(CapsValue.intRange(0...8, step: 4).intersection(.intRange(2...10, step: 4)) == nil)
        #expect(CapsValue.intRange(Int.min...Int.max, step: 1).intersection(.intRange(-5...5, step: 5))
            == .intRange(-5...5, step: 5))
    }

    @Test("Fixed values intersect ranges only inside and on the step grid")
    func fixedAgainstRange() {
        let even = CapsValue.intRange(2...8, step: 2)
        #expect(CapsValue.int(4).intersection(even) == .int(4))
        #expect(CapsValue.int(5).intersection(even) == nil)
        #expect(CapsValue.int(10).intersection(even) == nil)
        #expect(even.intersection(.int(8)) == .int(8))
        #expect(CapsValue.fraction(Fraction(60, 2)).intersection(.fractionRange(Fraction(0, 1)...Fraction(30, 1)))
            == .fraction(Fraction(30, 1)))
        #expect(CapsValue.double(1.0).intersection(.int(1)) == nil)
    }

    @Test("List intersection keeps self's order and drops duplicates")
    func listOrder() {
        let mine = CapsValue.list([.string("I420"), .string("NV12"), .string("YUY2")])
        let theirs = CapsValue.list([.string("YUY2"), .string("I420"), .string("I420")])
        #expect(mine.intersection(theirs) == .list([.string("I420"), .string("YUY2")]))
        #expect(theirs.intersection(mine) == .list([.string("YUY2"), .string("I420")]))
        #expect(mine.intersection(.list([.string("NV12")])) == .string("NV12"))
    }

    @Test("Result structures follow self's preference; subsets of earlier results are dropped")
    func structureOrderAndMerging() throws {
        let mine = try caps("video/x-raw, format=NV12; video/x-raw, format=I420")
        let theirs = try caps("video/x-raw, format={ I420, NV12 }, width=320")
        #expect(mine.intersection(theirs).description
            == "video/x-raw, format=(string)NV12, width=(int)320; video/x-raw, format=(string)I420, width=(int)320")
        #expect(theirs.intersection(mine).description
            == "video/x-raw, format=(string)NV12, width=(int)320; video/x-raw, format=(string)I420, width=(int)320")
        let duplicate = try caps("video/x-raw, width=[ 1, 100 ]; video/x-raw, width=[ 1, 100 ]")
        #expect(try duplicate.intersection(caps("video/x-raw")).structures.count == 1)
    }

    @Test("canIntersect agrees with a non-empty intersection")
    func canIntersect() throws {
        #expect(try caps("video/x-raw, width=[ 16, 4096 ]").canIntersect(caps("video/x-raw, width=320")))
        #expect(try !caps("video/x-raw, width=[ 16, 4096 ]").canIntersect(caps("video/x-raw, width=8")))
        #expect(try !caps("video/x-raw").canIntersect(caps("audio/x-raw")))
        #expect(try Caps.any.canIntersect(caps("audio/x-raw")))
        #expect(!Caps.any.canIntersect(.empty))
        #expect(try caps("video/x-raw(ANY)").canIntersect(caps("video/x-raw(memory:DMABuf)")))
        #expect(try !caps("video/x-raw(memory:DMABuf)").canIntersect(caps("video/x-raw")))
    }

    @Test("isSubset: fixed caps accepted by templates, and the ANY / EMPTY rules")
    func isSubset() throws {
        let template = try caps(
            "video/x-raw, format={ I420, NV12 }, width=[ 16, 4096 ], framerate=(fraction)[ 0/1, max ]")
        #expect(try caps("video/x-raw, format=I420, width=320, framerate=30/1, height=240").isSubset(of: template))
        #expect(try !caps("video/x-raw, format=RGB, width=320, framerate=30/1").isSubset(of: template))
        #expect(try !caps("video/x-raw, format=I420, width=8, framerate=30/1").isSubset(of: template))
        // A field the superset constrains must be present in the subset.
        #expect(try !caps("video/x-raw, format=I420").isSubset(of: template))
        #expect(try caps("video/x-raw, format={ NV12, I420 }, width=[ 32, 64 ], framerate=25/1").isSubset(of: template))
        #expect(try caps("video/x-raw, width=[ 0, 8, 4 ]").isSubset(of: caps("video/x-raw, width=[ 0, 9, 2 ]")))
        #expect(try !caps("video/x-raw, width=[ 0, 8, 2 ]").isSubset(of: caps("video/x-raw, width=[ 0, 8, 4 ]")))
        #expect(try caps("video/x-raw, width=[ 5, 5 ]").isSubset(of: caps("video/x-raw, width=5")))
        #expect(try caps("a; b").isSubset(of: caps("b; a; c")))
        #expect(try !caps("a; d").isSubset(of: caps("b; a; c")))
        #expect(try caps("video/x-raw").isSubset(of: .any))
        #expect(Caps.empty.isSubset(of: try caps("video/x-raw")))
        #expect(try !Caps.any.isSubset(of: caps("video/x-raw")))
        #expect(try !caps("video/x-raw").isSubset(of: .empty))
        #expect(try !caps("video/x-raw(ANY)").isSubset(of: caps("video/x-raw(memory:DMABuf)")))
        #expect(try caps("video/x-raw(memory:DMABuf)").isSubset(of: caps("video/x-raw(ANY)")))
    }

    @Test("union appends other's structures, skips ones already covered, and ANY absorbs")
    func union() throws {
        #expect(try caps("video/x-raw").union(caps("audio/x-raw")).description == "video/x-raw; audio/x-raw")
        #expect(try caps("video/x-raw, width=[ 1, 100 ]").union(caps("video/x-raw, width=50; audio/x-raw"))
            .description == "video/x-raw, width=(int)[ 1, 100 ]; audio/x-raw")
        #expect(try caps("video/x-raw").union(.any).isAny)
        #expect(try Caps.any.union(caps("video/x-raw")).isAny)
        #expect(try Caps.empty.union(caps("video/x-raw")) == caps("video/x-raw"))
    }
}
