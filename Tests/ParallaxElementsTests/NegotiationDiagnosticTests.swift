import Parallax
import Testing

/// Negotiation failures rendered as `parallax-launch` prints them (exit code 2): the link, a caret under both
/// elements, each side's caps, the constraint that emptied the link, and a suggestion. Tested as exact text.
@Suite struct NegotiationDiagnosticTests {
    struct Failure: CustomTestStringConvertible, Sendable {
        var name: String
        var launch: String
        var strict: Bool
        var expected: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(
            name: "strictInsertsNothing", launch: "videotestsrc ! video/x-raw,format=I420 ! identity ! video/x-raw,format=RGBA ! fakesink", strict: true,
            expected: """
            error: could not link videotestsrc0 to identity0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,format=I420 ! identity ! video/x-raw,format=RGBA ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, format=(string)I420
              = note: identity0 and what follows accept: video/x-raw, format=(string)RGBA
              = note: emptied by: the caps filter between identity0 and fakesink0 (video/x-raw, format=(string)RGBA), reached through identity0
              = help: insert videoconvert after the caps filter (strict negotiation inserts no converters)
            """),
        Failure(
            name: "strictNamesTheScalerToInsert", launch: "videotestsrc ! video/x-raw,width=64,format=I420 ! videoconvert ! video/x-raw,width=32 ! fakesink", strict: true,
            expected: """
            error: could not link videotestsrc0 to videoconvert0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,width=64,format=I420 ! videoconvert ! video/x-raw,width=32 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, width=(int)64, format=(string)I420
              = note: videoconvert0 and what follows accept: video/x-raw, width=(int)32, format=(string){ I420, YV12, NV12, NV21, YUY2, UYVY, Y444, RGBA, BGRA, RGBx, BGRx, RGB, BGR, GRAY8, I420_10LE }
              = note: emptied by: the caps filter between videoconvert0 and fakesink0 (video/x-raw, width=(int)32), reached through videoconvert0
              = help: insert videoscale after the caps filter (strict negotiation inserts no converters)
            """),
        Failure(
            name: "strictNamesAChainOfTwo", launch: "videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! identity ! video/x-raw,format=RGBA,width=32 ! fakesink", strict: true,
            expected: """
            error: could not link videotestsrc0 to identity0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! identity ! video/x-raw,format=RGBA,width=32 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, format=(string)I420, width=(int)64, height=(int)48
              = note: identity0 and what follows accept: video/x-raw, format=(string)RGBA, width=(int)32
              = note: emptied by: the caps filter between identity0 and fakesink0 (video/x-raw, format=(string)RGBA, width=(int)32), reached through identity0
              = help: insert videoconvert ! videoscale after the caps filter (strict negotiation inserts no converters)
            """),
        Failure(
            name: "audioIntoAVideoElement", launch: "audiotestsrc ! videoscale ! fakesink", strict: false,
            expected: """
            error: could not link audiotestsrc0 to videoscale0: no common format
             --> 1:1
              |
            1 | audiotestsrc ! videoscale ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: audiotestsrc0 can produce: audio/x-raw, format=(string){ S16LE, S32LE, F32LE, F64LE }, layout=(string)interleaved, rate=(int)[ 1, 2147483647 ], channels=(int)[ 1, 2147483647 ]
              = note: videoscale0 and what follows accept: video/x-raw, format=(string){ I420, YV12, NV12, NV21, YUY2, UYVY, Y444, RGBA, BGRA, RGBx, BGRx, RGB, BGR, GRAY8 }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ]
              = note: emptied by: the sink pad of videoscale0 (video/x-raw, format=(string){ I420, YV12, NV12, NV21, YUY2, UYVY, Y444, RGBA, BGRA, RGBx, BGRx, RGB, BGR, GRAY8 })
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: audiotestsrc produces audio/x-raw, not video/x-raw; no converter turns one into the other
            """),
        Failure(
            name: "unknownFormat", launch: "videotestsrc ! video/x-raw,format=NOPE ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,format=NOPE ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, format=(string)NOPE
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: format=NOPE is not a format videotestsrc produces; it has BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE
            """),
        Failure(
            name: "misspeltFormat", launch: "videotestsrc ! video/x-raw,format=I42 ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,format=I42 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, format=(string)I42
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: format=I42 is not a format videotestsrc produces; did you mean format=I420?
            """),
        Failure(
            name: "zeroWidth", launch: "videotestsrc ! video/x-raw,format=I420,width=0 ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,format=I420,width=0 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, format=(string)I420, width=(int)0
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: width=0 is outside videotestsrc's range [1, 2147483647]
            """),
        Failure(
            name: "negativeHeight", launch: "videotestsrc ! video/x-raw,height=-480 ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,height=-480 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, height=(int)-480
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: height=-480 is outside videotestsrc's range [1, 2147483647]
            """),
        Failure(
            name: "zeroDenominatorFramerate", launch: "videotestsrc ! video/x-raw,framerate=30/0 ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,framerate=30/0 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, framerate=(string)30/0
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: framerate=30/0 has a zero denominator; framerate must be a fraction in [0/1, 2147483647/1]
            """),
        Failure(
            name: "contradictoryCapsFilters", launch: "videotestsrc ! video/x-raw,framerate=30/1 ! identity ! video/x-raw,framerate=25/1 ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to identity0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw,framerate=30/1 ! identity ! video/x-raw,framerate=25/1 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw, framerate=(fraction)30/1
              = note: identity0 and what follows accept: video/x-raw, framerate=(fraction)25/1
              = note: emptied by: the caps filter between identity0 and fakesink0 (video/x-raw, framerate=(fraction)25/1), reached through identity0
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: framerate=25/1 cannot be met: upstream gives framerate=30/1
            """),
        Failure(
            name: "audioFilterAfterVideo", launch: "videotestsrc ! audio/x-raw ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! audio/x-raw ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: audio/x-raw
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: videotestsrc produces video/x-raw, not audio/x-raw; no converter turns one into the other
            """),
        Failure(
            name: "unreachableMemory", launch: "videotestsrc ! video/x-raw(memory:DMABuf) ! fakesink", strict: false,
            expected: """
            error: could not link videotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | videotestsrc ! video/x-raw(memory:DMABuf) ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, RGBA, Y444, BGRx, RGBx, BGR, RGB, UYVY, YUY2, I420, YV12, NV21, NV12, GRAY8, I420_10LE }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]
              = note: the caps filter on this link is: video/x-raw(memory:DMABuf)
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: videotestsrc produces cpu memory, but dmabuf memory is asked for
            """),
        Failure(
            name: "teeBranchThatNothingBridges", launch: "audiotestsrc ! tee name=t t. ! queue ! fakesink t. ! queue ! video/x-raw ! fakesink", strict: false,
            expected: """
            error: could not link t to queue1: no common format
             --> 1:52
              |
            1 | audiotestsrc ! tee name=t t. ! queue ! fakesink t. ! queue ! video/x-raw ! fakesink
              |                                                    ^^^^^^^
              = note: t can produce: audio/x-raw, format=(string){ S16LE, S32LE, F32LE, F64LE }, layout=(string)interleaved, rate=(int)[ 1, 2147483647 ], channels=(int)[ 1, 2147483647 ]
              = note: queue1 and what follows accept: video/x-raw
              = note: emptied by: the caps filter between queue1 and fakesink1 (video/x-raw), reached through queue1
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: audiotestsrc produces audio/x-raw, not video/x-raw; no converter turns one into the other
            """),
        Failure(
            name: "zeroChannels", launch: "audiotestsrc ! audio/x-raw,channels=0 ! fakesink", strict: false,
            expected: """
            error: could not link audiotestsrc0 to fakesink0: no common format
             --> 1:1
              |
            1 | audiotestsrc ! audio/x-raw,channels=0 ! fakesink
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = note: audiotestsrc0 can produce: audio/x-raw, format=(string){ S16LE, S32LE, F32LE, F64LE }, layout=(string)interleaved, rate=(int)[ 1, 2147483647 ], channels=(int)[ 1, 2147483647 ]
              = note: the caps filter on this link is: audio/x-raw, channels=(int)0
              = note: fakesink0 and what follows accept: ANY
              = note: emptied by: the caps filter on this link
              = note: no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one into the other
              = help: channels=0 is outside audiotestsrc's range [1, 2147483647]
            """),
    ]

    @Test(arguments: failures)
    func explains(_ failure: Failure) throws {
        let pipeline = try Pipeline(launch: failure.launch, strict: failure.strict)
        #expect {
            _ = try pipeline.negotiate()
        } throws: { error in
            guard let error = error as? PipelineError, case .negotiation = error else { return false }
            #expect(error.isDescriptionError)
            #expect(error.rendered(in: failure.launch) == failure.expected)
            return true
        }
    }
}
