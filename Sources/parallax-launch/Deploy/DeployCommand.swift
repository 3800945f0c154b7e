import ArgumentParser
import Glibc
import Parallax
import ParallaxSandbox

/// `parallax-launch deploy FILE.yaml`: run the pipelines of a deployment file as separate processes, print
/// the plan (`--dry-run`), or write systemd units for them (`--emit-systemd DIR`).
///
/// ```
/// parallax-launch deploy site.yaml
/// parallax-launch deploy --set SITE=lab --dry-run site.yaml
/// parallax-launch deploy --emit-systemd /etc/systemd/system site.yaml
/// ```
/// The whole file — YAML, variables, fields, dependencies and every description — is checked before
/// anything starts or is written; an error exits with status 2. See `docs/deploy.md`.
/// Thread: the command's task; the supervisor blocks it while the pipelines run.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallax-launch deploy",
        abstract: "Run the pipelines of a deployment file, or write systemd units for them.",
        discussion: """
            Each pipeline runs as its own parallax-launch process, started once the pipelines it depends on \
            are playing; its output lines are printed after its name. SIGINT or SIGTERM stops them all, last \
            started first. See docs/deploy.md for the file format.

            Exit status: 0 when every pipeline finished or a signal stopped them, 1 when a pipeline failed \
            past its restart limit, 2 for an error in the file, 64 for a usage error.
            """)

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Give ${VAR} this value, over the environment's (repeatable).", valueName: "var=value"))
    var assignments: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Print the pipelines in start order, resolved, and exit.")
    var dryRun = false

    @Option(
        name: .customLong("emit-systemd"),
        help: ArgumentHelp("Write one systemd unit per pipeline into this directory and exit.", valueName: "dir"))
    var systemdDirectory: String?

    @Option(
        name: .customLong("stop-timeout"),
        help: ArgumentHelp(
            "How long a pipeline may take to stop after SIGINT before it is killed.",
            valueName: "duration"))
    var stopTimeout: String = "10s"

    @Argument(help: ArgumentHelp("The deployment file.", valueName: "file"))
    var file: String

    func validate() throws {
        if dryRun && systemdDirectory != nil {
            throw ValidationError("--dry-run and --emit-systemd cannot be used together.")
        }
        for assignment in assignments where Self.assignment(assignment) == nil {
            throw ValidationError("--set takes VAR=VALUE, got \"\(assignment)\".")
        }
        if DeploymentRestart.duration(stopTimeout) == nil {
            throw ValidationError("--stop-timeout takes a duration such as 10s or 500ms, got \"\(stopTimeout)\".")
        }
    }

    func run() async throws {
        let console = Console()
        let status = execute(console: console)
        if status != ExitStatus.success { throw ExitCode(status) }
    }

    /// Reads the file and does what the options ask; returns the exit status.
    func execute(console: Console) -> Int32 {
        guard let text = Self.read(file) else {
            console.err("error: cannot read \(file): \(String(cString: strerror(errno)))\n")
            return ExitStatus.descriptionError
        }
        var variables = ProcessEnvironment.current()
        for (name, value) in assignments.compactMap(Self.assignment) { variables[name] = value }
        let deployment: Deployment
        do {
            let registry = LaunchRegistry.loading(paths: [], trusted: [], console: console)
            deployment = try DeploymentParser(registry: registry, variables: variables).parse(text, file: file)
        } catch {
            console.err(error.description + "\n")
            return ExitStatus.descriptionError
        }
        if dryRun {
            console.outDocument(deployment.plan)
            return ExitStatus.success
        }
        let executable = Self.executablePath()
        if let systemdDirectory {
            return emitUnits(deployment, executable: executable, into: systemdDirectory, console: console)
        }
        let timeout = DeploymentRestart.duration(stopTimeout) ?? .seconds(10)
        return DeploymentSupervisor(
            deployment: deployment, executable: executable, stopTimeout: timeout, console: console
        )
        .run()
    }

    /// Writes `parallax-NAME.service` for every pipeline into `directory` (created if missing).
    private func emitUnits(_ deployment: Deployment, executable: String, into directory: String, console: Console)
        -> Int32
    {
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            console.err("error: cannot create \(directory): \(String(cString: strerror(errno)))\n")
            return ExitStatus.runtimeError
        }
        let base = file.split(separator: "/").last.map(String.init) ?? file
        for pipeline in deployment.pipelines {
            let unit = SystemdUnit(pipeline: pipeline, executable: executable, file: base)
            let path = directory + "/" + SystemdUnit.name(of: pipeline.name)
            guard Self.write(unit.text, to: path) else {
                console.err("error: cannot write \(path): \(String(cString: strerror(errno)))\n")
                return ExitStatus.runtimeError
            }
            console.out(path)
        }
        return ExitStatus.success
    }

    /// `VAR=VALUE` split, or nil when `VAR` is not a variable name.
    static func assignment(_ text: String) -> (String, String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        guard VariableSubstitution.isName(name) else { return nil }
        return (name, String(text[text.index(after: equals)...]))
    }


    /// The absolute path of the running `parallax-launch`.
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return "/proc/self/exe" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The contents of `path` as UTF-8 text, or nil (errno set) when it cannot be read.
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = Glibc.read(descriptor, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` to `path`, replacing it; false (errno set) on failure.
    static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
