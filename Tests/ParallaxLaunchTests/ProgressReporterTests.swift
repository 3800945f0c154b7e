import Foundation
import Testing

@testable import parallax_launch

/// The live progress line on standard error: drawn only on a terminal, erased at the end.
@Suite("parallax-launch progress line")
struct ProgressReporterTests {
    @Test("nothing is drawn when standard error is not a terminal")
    func notATerminal() async throws {
        let output = try await LaunchProcess.run(["videotestsrc", "is-live=true", "num-buffers=10", "!", "fakesink"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
    }

    @Test("on a terminal the line is redrawn with \\r while the pipeline runs and erased at the end")
    func onTerminal() async throws {
        // A pseudo-terminal from /dev/ptmx (Glibc's posix_openpt/ptsname are not imported into Swift):
        // TIOCSPTLCK unlocks the peer, TIOCGPTN gives its number; _IOW/_IOR('T', …) as in asm-generic/ioctls.h.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        #expect(master >= 0)
        guard master >= 0 else { return }
        defer { close(master) }
        var unlock: Int32 = 0
        var number: Int32 = -1
        #expect(ioctl(master, UInt(0x4004_5431), &unlock) == 0)
        #expect(ioctl(master, UInt(0x8004_5430), &number) == 0)
        let slave = FileHandle(forUpdatingAtPath: "/dev/pts/\(number)")
        #expect(slave != nil)
        guard let slave else { return }
        // 20 live frames at 30/1 take two thirds of a second: at least two progress ticks (every 250 ms).
        let launch = try LaunchProcess(
            ["videotestsrc", "is-live=true", "num-buffers=20", "!", "fakesink"], stderr: slave)
        try slave.close()
        var seen: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {  // read until the child closes the terminal (EIO) or the master ends
            let count = read(master, &chunk, chunk.count)
            if count <= 0 { break }
            seen += chunk[0..<count]
        }
        let output = try await launch.finish()
        #expect(output.status == 0)
        let text = String(decoding: seen, as: UTF8.self)
        #expect(text.hasPrefix("\r"))
        #expect(text.contains(" buffers through sinks, "))
        #expect(text.contains(" buffers/s, 0:00:00."))
        #expect(text.hasSuffix("\r\u{1B}[K"))
    }

    @Test("the progress text shows buffers, rate and elapsed time to a tenth of a second")
    func progressLine() {
        let line = ProgressReporter.line(buffers: 1234, rate: 498.04, elapsed: .milliseconds(2_460))
        #expect(line == "1234 buffers through sinks, 498.0 buffers/s, 0:00:02.4")
    }
}
