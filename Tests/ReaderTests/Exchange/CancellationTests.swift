import Foundation
import Synchronization
import ReaderCore
import ReaderDrivers
import ReaderTransport
import Testing

/// A daemon stopping on SIGTERM cancels its tasks; a blocking read must not wait out its
/// deadline then. Over a real pty with nobody answering and a 30 s deadline, a task cancelled
/// after about 100 ms ends within a second of the cancel.
@Suite("Cancelling a task ends its blocking transport call")
struct CancellationTests {
    @Test("a 30 s read over a pty ends promptly, as TransportError.cancelled")
    func transportReadEndsOnCancel() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let port = try SerialPort(path: pty.slavePath, settings: .feig)
        defer { port.close() }
        // When the blocking read itself returned, seen on its own thread: what the test awaits
        // afterwards can be delayed by a busy cooperative pool, which says nothing about the read.
        let ended = Mutex<ContinuousClock.Instant?>(nil)
        let read = Task {
            try await TransportIO.run { () throws(TransportError) -> [UInt8] in
                defer { ended.withLock { $0 = .now } }
                return try port.read(maxCount: 16, deadline: .now + .seconds(30))
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let cancelled = ContinuousClock.now
        read.cancel()
        do {
            _ = try await read.value
            Issue.record("the read returned bytes nobody sent")
        } catch let error as TransportError {
            #expect(error.kind == .cancelled)
        }
        // Measured from the cancel: on a busy machine the 100 ms sleep itself can run late.
        let end = try #require(ended.withLock { $0 })
        #expect(end - cancelled < .seconds(1))
    }

    @Test("a driver waiting 30 s for a reply ends promptly with ReaderError.cancelled")
    func driverRequestEndsOnCancel() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let reader = FEIGReader(
            transport: try SerialPort(path: pty.slavePath, settings: .feig),
            configuration: .init(retry: RetryPolicy(attempts: 3, timeout: .seconds(30))))
        let inventory = Task { () async throws -> [InventoryItem] in
            try await reader.inventory(afi: nil, antenna: nil)
        }
        try await Task.sleep(for: .milliseconds(100))
        let cancelled = ContinuousClock.now
        inventory.cancel()
        switch await inventory.result {
        case .success: Issue.record("an inventory answered by nobody succeeded")
        case .failure(let error):
            let readerError = try #require(error as? ReaderError)
            #expect(readerError.kind == .cancelled)
            #expect(readerError.exitStatus == .unavailable)
        }
        // Measured from the cancel, and with room for a busy machine's scheduling (the test
        // task's own resumption waited 13 s once with the whole suite running beside builds):
        // the point is that three attempts of 30 s are not waited out. The transport's own promptness is
        // measured on its thread in the test above.
        #expect(ContinuousClock.now - cancelled < .seconds(30))
        await reader.close()
    }

    @Test("a task cancelled before the call starts does not send the request")
    func cancelledBeforeTheCall() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let reader = FEIGReader(
            transport: try SerialPort(path: pty.slavePath, settings: .feig),
            configuration: .init(retry: RetryPolicy(attempts: 1, timeout: .seconds(30))))
        let version = Task { () async throws -> String in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await reader.version()
        }
        switch await version.result {
        case .success: Issue.record("a version answered by nobody")
        case .failure(let error): #expect((error as? ReaderError)?.kind == .cancelled)
        }
        #expect(pty.receive(1, within: .milliseconds(200)).isEmpty)
        await reader.close()
    }
}
