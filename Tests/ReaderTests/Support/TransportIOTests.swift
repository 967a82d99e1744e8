import Foundation
import ReaderDrivers
import ReaderTransport
import Synchronization
import Testing

/// Blocking transport calls from many readers at once must all be under way at once, however
/// few cores the machine has: a call that waits for a thread waits for another reader's deadline.
@Suite("Blocking transport calls")
struct TransportIOTests {
    final class Rendezvous: Sendable {
        let arrived = Mutex(0)
    }

    @Test("more blocking calls than cores all run at the same time")
    func moreCallsThanCoresRunTogether() async throws {
        let calls = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let meeting = Rendezvous()
        // Each call arrives, then blocks until every call has arrived (or gives up after 2 s).
        // On the global queues libdispatch adds a thread about once a second while the others
        // are blocked, so the last calls would start long after the first gave up.
        let met = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<calls {
                group.addTask {
                    try await TransportIO.run { () throws(TransportError) -> Bool in
                        meeting.arrived.withLock { $0 += 1 }
                        let giveUp = ContinuousClock.now + .seconds(2)
                        while ContinuousClock.now < giveUp {
                            if meeting.arrived.withLock({ $0 }) == calls { return true }
                            usleep(1_000)
                        }
                        return false
                    }
                }
            }
            var all: [Bool] = []
            for try await m in group { all.append(m) }
            return all
        }
        #expect(met.count == calls && met.allSatisfy { $0 }, "some blocking calls did not start until others ended")
    }
}
