import Foundation
import Testing

/// SIGINT handling: the first interrupt drains with EOS, the second stops at once.
@Suite("parallax-launch interrupts")
struct InterruptHandlerTests {
    @Test("SIGINT on a live pipeline sends EOS, which drains, and the run exits 0", arguments: [false, true])
    func interruptDrains(withFlag: Bool) async throws {
        let arguments = (withFlag ? ["-e"] : []) + ["videotestsrc", "is-live=true", "!", "fakesink"]
        let launch = try LaunchProcess(arguments, pipeStdout: true)
        #expect(launch.read(until: "Setting pipeline to PLAYING ...\n"))
        launch.interrupt()
        let output = try await launch.finish()
        #expect(output.exited && output.status == 0)
        let lines = output.stdoutLines
        let interrupt = lines.firstIndex(of: "Interrupt: Stopping pipeline ...") ?? lines.endIndex
        #expect(
            Array(lines[interrupt...].prefix(4)) == [
                "Interrupt: Stopping pipeline ...",
                "EOS on shutdown enabled -- waiting for EOS after Interrupt",
                "(interrupt again to stop at once)",
                "Got EOS from pipeline.",
            ])
        #expect(lines.suffix(2) == ["Setting pipeline to NULL ...", "Freeing pipeline ..."])
        #expect(output.stderr == "")
    }

    @Test("a second SIGINT stops a pipeline whose EOS cannot drain, promptly, with exit 130")
    func secondInterruptStops() async throws {
        // The sink writes 320x240 I420 frames (115200 bytes) into a FIFO that nobody reads: the first write
        // can never complete, so EOS can never reach the sink.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let launch = try LaunchProcess(
            ["videotestsrc", "!", "video/x-raw,format=I420,width=320,height=240", "!", "filesink", "location=\(fifo)"],
            pipeStdout: true)
        #expect(launch.read(until: "Setting pipeline to PLAYING ...\n"))
        var waitForData = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
        #expect(poll(&waitForData, 1, 30_000) == 1)  // the sink is now blocked in its first write
        launch.interrupt()
        #expect(launch.read(until: "(interrupt again to stop at once)\n"))
        let second = ContinuousClock.now
        launch.interrupt()
        launch.readToEnd()  // standard output closes when the process ends
        #expect(ContinuousClock.now - second < .seconds(20))
        let output = try await launch.finish()
        #expect(output.exited && output.status == 130)
        #expect(output.stdout.contains("Interrupt: Stopping pipeline at once ...\n"))
        #expect(!output.stdout.contains("Got EOS"))
    }
}
