import Testing

/// `--graph-json`: the lowered graph, keyed like GStreamer's `gst-parse-graph.py`.
@Suite("parallax-launch --graph-json")
struct GraphJSONTests {
    @Test("a tee description prints its elements, typed properties and links with caps filters")
    func teeDescription() async throws {
        let output = try await LaunchProcess.run([
            "--graph-json",
            "videotestsrc num-buffers=3 pattern=ball ! video/x-raw,format=I420,width=64,height=48 ! tee name=t "
                + "t. ! queue max-size-buffers=3 ! identity drop-probability=0.25 ! fakesink "
                + "t. ! queue leaky=downstream ! filesink location=\"/tmp/a b\" sync=false",
        ])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(
            output.stdout == """
                {
                  "elements": [
                    {
                      "name": "videotestsrc0",
                      "factory": "videotestsrc",
                      "properties": {
                        "num-buffers": 3,
                        "pattern": "ball"
                      }
                    },
                    {
                      "name": "t",
                      "factory": "tee",
                      "properties": {}
                    },
                    {
                      "name": "queue0",
                      "factory": "queue",
                      "properties": {
                        "max-size-buffers": 3
                      }
                    },
                    {
                      "name": "identity0",
                      "factory": "identity",
                      "properties": {
                        "drop-probability": 0.25
                      }
                    },
                    {
                      "name": "fakesink0",
                      "factory": "fakesink",
                      "properties": {}
                    },
                    {
                      "name": "queue1",
                      "factory": "queue",
                      "properties": {
                        "leaky": "downstream"
                      }
                    },
                    {
                      "name": "filesink0",
                      "factory": "filesink",
                      "properties": {
                        "location": "/tmp/a b",
                        "sync": false
                      }
                    }
                  ],
                  "links": [
                    {
                      "src": "videotestsrc0:src",
                      "sink": "t:sink",
                      "caps": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48",
                      "negotiated": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
                    },
                    {
                      "src": "t:src_0",
                      "sink": "queue0:sink",
                      "caps": null,
                      "negotiated": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
                    },
                    {
                      "src": "queue0:src",
                      "sink": "identity0:sink",
                      "caps": null,
                      "negotiated": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
                    },
                    {
                      "src": "identity0:src",
                      "sink": "fakesink0:sink",
                      "caps": null,
                      "negotiated": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
                    },
                    {
                      "src": "t:src_1",
                      "sink": "queue1:sink",
                      "caps": null,
                      "negotiated": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
                    },
                    {
                      "src": "queue1:src",
                      "sink": "filesink0:sink",
                      "caps": null,
                      "negotiated": "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
                    }
                  ]
                }

                """)
    }

    @Test("strings are escaped as JSON and non-ASCII kept, as the oracle prints them")
    func escaping() async throws {
        let output = try await LaunchProcess.run([
            "--graph-json", "fakesrc ! filesink location=\"/tmp/café \\\"1\\\"\"",
        ])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\n        \"location\": \"/tmp/café \\\"1\\\"\"\n"))
    }

    @Test("--graph-json does not run the pipeline: a missing input file is not an error")
    func doesNotRun() async throws {
        let output = try await LaunchProcess.run(["--graph-json", "filesrc", "location=/nonexistent", "!", "fakesink"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(output.stdout.contains("\"location\": \"/nonexistent\""))
        #expect(!output.stdout.contains("Setting pipeline"))
    }

    @Test("--graph-json reports description errors like a run (exit 2)")
    func descriptionError() async throws {
        let output = try await LaunchProcess.run(["--graph-json", "fakesrc", "!", "nosuchsink"])
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("error: no element \"nosuchsink\"\n --> 1:11\n"))
    }
}
