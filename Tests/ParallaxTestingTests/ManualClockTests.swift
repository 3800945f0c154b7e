import ParallaxCore
import ParallaxTesting
import Testing

@Suite struct ManualClockTests {
    @Test func movesOnlyWhenAdvanced() {
        let clock = ManualClock()
        #expect(clock.now == .zero)
        clock.advance(by: .milliseconds(5))
        clock.advance(by: .milliseconds(5))
        #expect(clock.now == .milliseconds(10))
        clock.advance(to: .seconds(1))
        #expect(clock.now == .seconds(1))
        clock.advance(to: .milliseconds(1))
        #expect(clock.now == .seconds(1))
        #expect(ManualClock(start: .seconds(3)).now == .seconds(3))
    }

    @Test func pastDeadlinesAreReachedAtOnce() {
        let clock = ManualClock(start: .seconds(2))
        #expect(clock.wait(until: .seconds(1)) == .reached)
        #expect(clock.wait(until: .seconds(2)) == .reached)
        #expect(clock.waiterCount == 0)
    }

    @Test func aWaiterIsReleasedWhenTheDeadlineIsReached() async throws {
        let clock = ManualClock()
        async let result = onThread { clock.wait(until: .milliseconds(40)) }
        await clock.waitForWaiters(1)
        clock.advance(by: .milliseconds(10))
        #expect(clock.waiterCount == 1)  // 10 ms < 40 ms: still waiting
        clock.advance(to: .milliseconds(40))
        #expect(try await result == .reached)
        #expect(clock.waiterCount == 0)
    }

    @Test func unscheduleWakesEveryWaiter() async throws {
        let clock = ManualClock()
        async let first = onThread { clock.wait(until: .seconds(5)) }
        async let second = onThread { clock.wait(until: .seconds(9)) }
        await clock.waitForWaiters(2)
        clock.unschedule()
        #expect(try await first == .unscheduled)
        #expect(try await second == .unscheduled)
        // Later waits block again.
        async let later = onThread { clock.wait(until: .seconds(1)) }
        await clock.waitForWaiters(1)
        clock.advance(by: .seconds(1))
        #expect(try await later == .reached)
    }

    @Test func blockUntilWaitersFromAThread() async throws {
        let clock = ManualClock()
        async let watcher = onThread { () -> Int in
            clock.blockUntilWaiters(1)
            let count = clock.waiterCount
            clock.advance(by: .seconds(1))
            return count
        }
        async let waiter = onThread { clock.wait(until: .seconds(1)) }
        #expect(try await watcher == 1)
        #expect(try await waiter == .reached)
    }
}
