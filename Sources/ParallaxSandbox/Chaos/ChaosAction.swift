import ParallaxCore

/// What the `chaos` element does when its moment comes.
public enum ChaosAction: Int, PropertyEnum {
    /// Nothing: the element copies buffers through.
    case none = 0
    /// Writes through a null pointer (SIGSEGV).
    case segfault = 1
    /// Calls `abort()` (SIGABRT).
    case abort = 2
    /// Exits with status 3.
    case exit = 3
    /// Blocks forever without answering.
    case hang = 4
    /// Allocates and touches memory without bound.
    case allocate = 5
    /// Writes into its input buffer.
    case writeInput = 6
    /// Opens `/etc/passwd`.
    case openFile = 7
    /// Connects a TCP socket to 127.0.0.1:9.
    case connect = 8
    /// Executes `/bin/true`.
    case exec = 9
    /// Calls `ptrace(PTRACE_TRACEME)`.
    case ptrace = 10
    /// Writes a forged control message to its host's control socket (a lying host).
    case forgeMessage = 11

    /// The nick used in launch strings.
    public var nick: String {
        switch self {
        case .none: "none"
        case .segfault: "segfault"
        case .abort: "abort"
        case .exit: "exit"
        case .hang: "hang"
        case .allocate: "allocate"
        case .writeInput: "write-input"
        case .openFile: "open-file"
        case .connect: "connect"
        case .exec: "exec"
        case .ptrace: "ptrace"
        case .forgeMessage: "forge-message"
        }
    }

    /// What `--inspect` shows.
    public var blurb: String {
        switch self {
        case .none: "Copy buffers through"
        case .segfault: "Crash with SIGSEGV"
        case .abort: "Crash with SIGABRT"
        case .exit: "Exit with status 3"
        case .hang: "Block forever"
        case .allocate: "Allocate memory without bound"
        case .writeInput: "Write into the input buffer"
        case .openFile: "Open /etc/passwd"
        case .connect: "Connect to 127.0.0.1:9"
        case .exec: "Execute /bin/true"
        case .ptrace: "Call ptrace(PTRACE_TRACEME)"
        case .forgeMessage: "Send a forged message on the control socket"
        }
    }
}
