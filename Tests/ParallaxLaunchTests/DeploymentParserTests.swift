import Glibc
import Parallax
import Testing

@testable import parallax_launch

/// Deployment files: fields, variables, dependency order, and the exact text of every kind of error.
@Suite struct DeploymentParserTests {
    static func parse(_ yaml: String, variables: [String: String] = [:]) throws(DeploymentError) -> Deployment {
        try DeploymentParser(registry: .stock, variables: variables).parse(yaml, file: "site.yaml")
    }

    /// The rendered error for `yaml`, or a note that it parsed.
    static func error(_ yaml: String, variables: [String: String] = [:]) -> String {
        do {
            _ = try parse(yaml, variables: variables)
            return "(no error)"
        } catch {
            return error.description
        }
    }

    @Test func fieldsAreReadAndPipelinesStartAfterTheirDependencies() throws {
        let deployment = try Self.parse(
            """
            version: 1
            pipelines:
              record:
                description: fakesrc num-buffers=3 ! filesink location=${OUT}/record.bin
                depends_on: [camera, clock]
                restart: { policy: always, max-restarts: 2, window: 30s, backoff: 250ms }
                environment: { LEVEL: "${LEVEL:-info}", SITE: "$$literal" }
              camera:
                description: >-
                  fakesrc num-buffers=3
                  ! fakesink
                sandbox: network
                depends_on: clock
              clock:
                description: fakesrc ! fakesink
                restart: never
            """, variables: ["OUT": "/tmp/out"])
        #expect(deployment.pipelines.map(\.name) == ["clock", "camera", "record"])
        let record = try #require(deployment["record"])
        #expect(record.description == "fakesrc num-buffers=3 ! filesink location=/tmp/out/record.bin")
        #expect(
            record.restart
                == DeploymentRestart(policy: .always, maxRestarts: 2, window: .seconds(30), backoff: .milliseconds(250))
        )
        #expect(record.environment.map { "\($0.name)=\($0.value)" } == ["LEVEL=info", "SITE=$literal"])
        #expect(record.dependencies == ["camera", "clock"])
        #expect(deployment["camera"]?.description == "fakesrc num-buffers=3 ! fakesink")
        #expect(deployment["camera"]?.sandbox == .network)
        #expect(deployment["clock"]?.restart.policy == .never)
        #expect(deployment["clock"]?.sandbox == DeploymentSandbox.none)
        #expect(deployment["camera"]?.restart == DeploymentRestart())
    }

    @Test func thePlanListsPipelinesInStartOrderResolved() throws {
        let deployment = try Self.parse(
            """
            pipelines:
              b:
                description: fakesrc num-buffers=${N:-2} ! fakesink
                depends_on: a
                environment: { MODE: fast }
              a:
                description: fakesrc num-buffers=${N} ! fakesink
                restart: { policy: on-failure, backoff: 1.5s }
                sandbox: compute
            """, variables: ["N": "7"])
        #expect(
            deployment.plan == """
                1. a
                   description: fakesrc num-buffers=7 ! fakesink
                   restart: on-failure (at most 5 restarts in 60s, backoff 1500ms)
                   sandbox: compute
                2. b (after a)
                   description: fakesrc num-buffers=7 ! fakesink
                   restart: on-failure (at most 5 restarts in 60s, backoff 1s)
                   sandbox: none
                   environment: MODE=fast

                """)
    }

    @Test func anUnknownFieldNamesThePipelineAndTheKnownFields() {
        #expect(
            Self.error(
                """
                version: 1
                pipelines:
                  camera:
                    description: fakesrc ! fakesink
                    restrat: always
                """) == """
                    error: pipeline "camera": unknown field "restrat"
                     --> site.yaml:5:5
                      |
                    5 |     restrat: always
                      |     ^^^^^^^
                      = note: known fields: description, restart, sandbox, depends_on, environment
                    """)
    }

    @Test func anUnknownDependencyIsPointedAt() {
        #expect(
            Self.error(
                """
                pipelines:
                  a:
                    description: fakesrc ! fakesink
                    depends_on: [routr]
                """) == """
                    error: pipeline "a": depends_on: no pipeline "routr"
                     --> site.yaml:4:18
                      |
                    4 |     depends_on: [routr]
                      |                  ^^^^^
                      = note: pipelines: a
                    """)
    }

    @Test func aCycleIsNamedInFull() {
        #expect(
            Self.error(
                """
                pipelines:
                  a:
                    description: fakesrc ! fakesink
                    depends_on: c
                  b:
                    description: fakesrc ! fakesink
                    depends_on: a
                  c:
                    description: fakesrc ! fakesink
                    depends_on: [b]
                """) == """
                    error: pipeline "b": depends_on: "a" closes a dependency cycle: a -> c -> b -> a
                     --> site.yaml:7:17
                      |
                    7 |     depends_on: a
                      |                 ^
                    """)
        #expect(
            Self.error("pipelines:\n  self:\n    description: fakesrc ! fakesink\n    depends_on: self\n")
                .hasPrefix("error: pipeline \"self\": depends_on: \"self\" closes a dependency cycle: self -> self\n"))
    }

    @Test func aDescriptionErrorIsTheLaunchParsersPointingIntoTheFile() {
        #expect(
            Self.error(
                """
                pipelines:
                  cam:
                    description: videotestsrcc ! fakesink
                """) == """
                    error: pipeline "cam": description: no element "videotestsrcc"
                     --> site.yaml:3:18
                      |
                    3 |     description: videotestsrcc ! fakesink
                      |                  ^^^^^^^^^^^^^
                      = help: did you mean "videotestsrc" or "audiotestsrc"?
                    """)
        // Substituted text after the error does not move it; before it, the note gives the column.
        #expect(
            Self.error(
                "pipelines:\n  cam:\n    description: \"fakesrcc ! filesink location=${OUT}\"\n",
                variables: ["OUT": "/x"]
            ).hasPrefix("error: pipeline \"cam\": description: no element \"fakesrcc\"\n --> site.yaml:3:19\n"))
        #expect(
            Self.error(
                "pipelines:\n  cam:\n    description: fakesrc num-buffers=${N} ! fakesinkk\n", variables: ["N": "12345"]
            ) == """
                error: pipeline "cam": description: no element "fakesinkk"
                 --> site.yaml:3:18
                  |
                3 |     description: fakesrc num-buffers=${N} ! fakesinkk
                  |                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                  = note: at column 29 of the substituted description "fakesrc num-buffers=12345 ! fakesinkk"
                  = help: did you mean "fakesink" or "filesink"?
                """)
    }

    @Test func aBadRestartValueListsTheChoices() {
        #expect(
            Self.error(
                """
                pipelines:
                  cam:
                    description: fakesrc ! fakesink
                    restart: sometimes
                """) == """
                    error: pipeline "cam": restart: "sometimes" is not always, on-failure or never
                     --> site.yaml:4:14
                      |
                    4 |     restart: sometimes
                      |              ^^^^^^^^^
                    """)
        #expect(
            Self.error(
                "pipelines:\n  cam:\n    description: fakesrc ! fakesink\n    restart: { policy: always, backoff: soon }\n"
            ).hasPrefix(
                "error: pipeline \"cam\": restart.backoff: \"soon\" is not a duration (such as 500ms, 2s, 1.5s, 1min)\n --> site.yaml:4:41\n"
            ))
        #expect(
            Self.error("pipelines:\n  cam:\n    description: fakesrc ! fakesink\n    sandbox: strict\n")
                .hasPrefix(
                    "error: pipeline \"cam\": sandbox: \"strict\" is not none, compute, network or files\n --> site.yaml:4:14\n"
                ))
    }

    @Test func anUnsetVariableIsNamedWhereItIsUsed() {
        #expect(
            Self.error(
                """
                pipelines:
                  cam:
                    description: fakesrc ! filesink location=${OUT}/a.bin
                """) == """
                    error: pipeline "cam": description: variable OUT is not set
                     --> site.yaml:3:46
                      |
                    3 |     description: fakesrc ! filesink location=${OUT}/a.bin
                      |                                              ^^^^^^
                      = help: set OUT in the environment, pass --set OUT=VALUE or write ${OUT:-default}
                    """)
        #expect(
            Self.error("pipelines:\n  cam:\n    description: fakesrc ! fakesink\n    environment:\n      A: \"x${B\"\n")
                .hasPrefix("error: pipeline \"cam\": environment: A: unterminated \"${\"\n --> site.yaml:5:12\n"))
    }

    @Test func fileLevelProblems() {
        #expect(
            Self.error("pipelines: [a, b]\n").hasPrefix(
                "error: pipelines: must be a mapping of names to pipelines\n --> site.yaml:1:12\n"))
        #expect(
            Self.error("version: 2\npipelines: {}\n").hasPrefix(
                "error: version: \"2\" is not supported (this parallax-launch reads version 1)\n --> site.yaml:1:10\n"))
        #expect(Self.error("version: 1\n").hasPrefix("error: missing field \"pipelines\"\n --> site.yaml:1:1\n"))
        #expect(
            Self.error("pipelines:\n  a:\n    restart: never\n").hasPrefix(
                "error: pipeline \"a\": missing field \"description\"\n --> site.yaml:2:3\n"))
        #expect(
            Self.error("pipelines:\n  a b:\n    description: fakesrc ! fakesink\n").hasPrefix(
                "error: pipeline name \"a b\" may only contain letters, digits, \"-\", \"_\" and \".\"\n --> site.yaml:2:3\n"
            ))
        #expect(Self.error("pipelines:\n  a: [\n").hasPrefix("error: not valid YAML: "))
    }

    @Test func variableSubstitution() throws {
        let substitution = VariableSubstitution(variables: ["A": "1", "EMPTY": ""])
        #expect(try substitution.apply("${A}-${B:-2}-${EMPTY:-3}-${EMPTY}-$$A-$A-cost $5") == "1-2-3--$A-$A-cost $5")
        #expect(
            throws: VariableSubstitution.Failure(message: "variable B is not set", offset: 2, length: 4, variable: "B")
        ) {
            try substitution.apply("x ${B} y")
        }
        #expect(
            throws: VariableSubstitution.Failure(
                message: "\"${1A}\" is not a variable reference (write ${NAME} or ${NAME:-default})", offset: 0,
                length: 5,
                variable: nil)
        ) {
            try substitution.apply("${1A}")
        }
    }

    @Test func restartsBackOffAndStopAtTheLimitWithinTheWindow() {
        var tracker = RestartTracker(
            rule: DeploymentRestart(
                policy: .onFailure, maxRestarts: 2, window: .seconds(10), backoff: .milliseconds(100)))
        let start = ContinuousClock.now
        #expect(tracker.ended(.exited(1), at: start) == .restart(after: .milliseconds(100)))
        #expect(tracker.ended(.signaled(SIGSEGV), at: start + .seconds(1)) == .restart(after: .milliseconds(200)))
        #expect(tracker.ended(.exited(1), at: start + .seconds(2)) == .failed)
        #expect(tracker.restarts == 2)
        // Outside the window, the count starts again.
        var spaced = RestartTracker(rule: DeploymentRestart(policy: .always, maxRestarts: 1, window: .seconds(10)))
        #expect(spaced.ended(.exited(0), at: start) == .restart(after: .seconds(1)))
        #expect(spaced.ended(.exited(0), at: start + .seconds(11)) == .restart(after: .seconds(1)))
        var onFailure = RestartTracker(rule: DeploymentRestart(policy: .onFailure))
        #expect(onFailure.ended(.exited(0), at: start) == .finished)
        var never = RestartTracker(rule: DeploymentRestart(policy: .never))
        #expect(never.ended(.signaled(SIGKILL), at: start) == .failed)
        #expect(DeploymentRestart(backoff: .seconds(1)).delay(afterRecentRestarts: 10) == .seconds(30))
        #expect(ProcessEnd(waitStatus: 0x0100).description == "exited with status 1")
        #expect(ProcessEnd(waitStatus: 11).description == "killed by SIGSEGV")
    }
}
