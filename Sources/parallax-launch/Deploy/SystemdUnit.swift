/// The systemd service unit `--emit-systemd` writes for one deployed pipeline.
///
/// ```
/// [Unit]
/// Description=Parallax pipeline camera (site.yaml)
/// Requires=parallax-router.service
/// After=parallax-router.service
/// StartLimitIntervalSec=60s
/// StartLimitBurst=6
///
/// [Service]
/// Type=exec
/// ExecStart=/usr/local/bin/parallax-launch --quiet "videotestsrc ! zenoh_pub key=lab/camera/1"
/// Restart=on-failure
/// RestartSec=1s
/// ...
/// ```
/// The unit is named `parallax-NAME.service`; `depends_on` becomes `Requires=` and `After=`, the restart
/// policy `Restart=`, `RestartSec=` and the start limit (`StartLimitBurst` is `max-restarts` + 1: systemd
/// counts the first start too), the sandbox systemd's own directives (see `DeploymentSandbox`), and the
/// environment `Environment=` lines. systemd stops the unit with SIGINT, which ends the pipeline with
/// end-of-stream. A pure value; any thread.
struct SystemdUnit: Sendable {
    /// The pipeline the unit runs.
    var pipeline: DeploymentPipeline
    /// The absolute path of `parallax-launch`.
    var executable: String
    /// The deployment file's name, for the description.
    var file: String

    /// How long systemd waits for the pipeline to drain after SIGINT before it kills it.
    static let stopTimeout = "10s"

    /// `parallax-NAME.service`.
    static func name(of pipeline: String) -> String { "parallax-\(pipeline).service" }

    /// The unit file's text.
    var text: String {
        var unit = [
            "[Unit]",
            "Description=Parallax pipeline \(Self.escapedSpecifiers(pipeline.name)) (\(Self.escapedSpecifiers(file)))",
        ]
        if !pipeline.dependencies.isEmpty {
            let units = pipeline.dependencies.map(Self.name(of:)).joined(separator: " ")
            unit.append("Requires=\(units)")
            unit.append("After=\(units)")
        }
        if pipeline.sandbox == .network {
            unit.append("Wants=network-online.target")
            unit.append("After=network-online.target")
        }
        if pipeline.restart.policy != .never {
            unit.append("StartLimitIntervalSec=\(DeploymentRestart.text(pipeline.restart.window))")
            unit.append("StartLimitBurst=\(pipeline.restart.maxRestarts + 1)")
        }
        var service = ["", "[Service]", "Type=exec"]
        service.append("ExecStart=\(Self.word(executable)) --quiet \(Self.quoted(pipeline.description))")
        for variable in pipeline.environment {
            service.append("Environment=\(Self.quoted("\(variable.name)=\(variable.value)", expandsVariables: false))")
        }
        switch pipeline.restart.policy {
        case .always: service.append("Restart=always")
        case .onFailure: service.append("Restart=on-failure")
        case .never: service.append("Restart=no")
        }
        if pipeline.restart.policy != .never {
            service.append("RestartSec=\(DeploymentRestart.text(pipeline.restart.backoff))")
        }
        service.append("KillSignal=SIGINT")
        service.append("TimeoutStopSec=\(Self.stopTimeout)")
        service += pipeline.sandbox.systemdDirectives
        let install = ["", "[Install]", "WantedBy=multi-user.target"]
        return
            (["# Written by parallax-launch deploy --emit-systemd; edit the deployment file instead."] + unit + service
            + install).map { $0 + "\n" }.joined()
    }

    /// `text` as one double-quoted word of a systemd command line or assignment: `\` and `"` escaped,
    /// control characters as C escapes, `%` doubled (specifiers) and, where systemd would expand
    /// variables (`ExecStart=`), `$` doubled.
    static func quoted(_ text: String, expandsVariables: Bool = true) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "%": result += "%%"
            case "$" where expandsVariables: result += "$$"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// `text` as it is when it has only letters, digits and `/._+-` (a plain path), otherwise `quoted(text)`.
    static func word(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "/._+-".unicodeScalars.contains(scalar))
            }
        return plain ? text : quoted(text)
    }

    /// `text` with `%` doubled, for free-text settings.
    static func escapedSpecifiers(_ text: String) -> String {
        text.replacing("%", with: "%%")
    }
}
