import Parallax
import Testing

@testable import parallax_launch

/// The systemd units `parallax-launch deploy --emit-systemd` writes.
@Suite struct SystemdUnitTests {
    static let yaml = """
        pipelines:
          router:
            description: fakesrc ! fakesink
            restart: always
          camera:
            description: fakesrc ! filesink location="/srv/a b/100%.bin"
            restart: { policy: on-failure, max-restarts: 3, window: 30s, backoff: 500ms }
            sandbox: network
            depends_on: router
            environment: { PRICE: "$$5 100%", SITE: "${SITE}" }
          archive:
            description: fakesrc ! fakesink
            restart: never
            sandbox: files
            depends_on: [router, camera]
        """

    static func units() throws -> [String: String] {
        let deployment = try DeploymentParser(registry: .stock, variables: ["SITE": "lab"]).parse(
            yaml, file: "site.yaml")
        var units: [String: String] = [:]
        for pipeline in deployment.pipelines {
            units[SystemdUnit.name(of: pipeline.name)] =
                SystemdUnit(pipeline: pipeline, executable: "/usr/local/bin/parallax-launch", file: "site.yaml").text
        }
        return units
    }

    @Test func dependenciesRestartsSandboxAndEnvironmentBecomeDirectives() throws {
        let units = try Self.units()
        #expect(
            units.keys.sorted() == ["parallax-archive.service", "parallax-camera.service", "parallax-router.service"])
        #expect(
            units["parallax-router.service"] == """
                # Written by parallax-launch deploy --emit-systemd; edit the deployment file instead.
                [Unit]
                Description=Parallax pipeline router (site.yaml)
                StartLimitIntervalSec=60s
                StartLimitBurst=6

                [Service]
                Type=exec
                ExecStart=/usr/local/bin/parallax-launch --quiet "fakesrc ! fakesink"
                Restart=always
                RestartSec=1s
                KillSignal=SIGINT
                TimeoutStopSec=10s

                [Install]
                WantedBy=multi-user.target

                """)
        #expect(
            units["parallax-camera.service"] == #"""
                # Written by parallax-launch deploy --emit-systemd; edit the deployment file instead.
                [Unit]
                Description=Parallax pipeline camera (site.yaml)
                Requires=parallax-router.service
                After=parallax-router.service
                Wants=network-online.target
                After=network-online.target
                StartLimitIntervalSec=30s
                StartLimitBurst=4

                [Service]
                Type=exec
                ExecStart=/usr/local/bin/parallax-launch --quiet "fakesrc ! filesink location=\"/srv/a b/100%%.bin\""
                Environment="PRICE=$5 100%%"
                Environment="SITE=lab"
                Restart=on-failure
                RestartSec=500ms
                KillSignal=SIGINT
                TimeoutStopSec=10s
                NoNewPrivileges=yes
                PrivateTmp=yes
                PrivateDevices=yes
                ProtectHome=yes
                ProtectSystem=strict
                ProtectKernelTunables=yes
                ProtectKernelModules=yes
                ProtectKernelLogs=yes
                ProtectControlGroups=yes
                ProtectClock=yes
                ProtectHostname=yes
                RestrictRealtime=yes
                RestrictSUIDSGID=yes
                LockPersonality=yes
                MemoryDenyWriteExecute=yes
                SystemCallArchitectures=native
                SystemCallFilter=@system-service
                RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6

                [Install]
                WantedBy=multi-user.target

                """#)
        let archive = try #require(units["parallax-archive.service"])
        #expect(
            archive.contains(
                "\nRequires=parallax-router.service parallax-camera.service\nAfter=parallax-router.service parallax-camera.service\n\n[Service]\n"
            ))
        #expect(archive.contains("\nRestart=no\nKillSignal=SIGINT\n"))
        #expect(!archive.contains("StartLimit"))
        #expect(!archive.contains("RestartSec"))
        #expect(archive.contains("\nProtectHome=read-only\nProtectSystem=full\n"))
        #expect(archive.contains("\nPrivateNetwork=yes\nRestrictAddressFamilies=AF_UNIX\n"))
    }

    @Test func wordsAreQuotedForSystemd() {
        #expect(SystemdUnit.quoted("a\\b\"c$d%e\nf\u{1}") == #""a\\b\"c$$d%%e\nf\x01""#)
        #expect(SystemdUnit.quoted("$HOME", expandsVariables: false) == #""$HOME""#)
        #expect(SystemdUnit.word("/opt/parallax-1.0/bin/parallax-launch") == "/opt/parallax-1.0/bin/parallax-launch")
        #expect(SystemdUnit.word("/opt/my tools/parallax-launch") == #""/opt/my tools/parallax-launch""#)
    }
}
