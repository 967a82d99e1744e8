import ReaderCore
import ReaderTransport

/// The thin loop that performs an exchange machine's actions over a byte transport, on a
/// blocking thread of its own (`TransportIO`). It owns the clock: the machine sees only
/// offsets from the moment the loop started. A cancelled task stops it before the next call
/// and inside the call in flight (the transports' waits check the cancellation flag).
public enum ExchangeLoop {
    /// Bytes asked for per read by default; frames and lines are far shorter.
    public static let defaultReadSize = 512

    /// Runs `machine` to its end; returns the outcome and the machine as it ended (its ledger
    /// is what the driver keeps for the next request).
    public static func run<M: ExchangeMachine>(
        _ machine: M, over transport: any ByteTransport, readSize: Int = defaultReadSize
    ) async -> (result: Result<M.Reply, ReaderError>, machine: M) {
        await TransportIO.perform { () -> (Result<M.Reply, ReaderError>, M) in
            var machine = machine
            let origin = ContinuousClock.now
            func now() -> Duration { ContinuousClock.now - origin }
            var action = machine.start(at: now())
            while true {
                if case .deliver(let reply) = action { return (.success(reply), machine) }
                if case .fail(let error) = action { return (.failure(error), machine) }
                do throws(TransportError) {
                    try TransportCancellation.check(transport.description)
                    switch action {
                    case .flush:
                        try transport.flush()
                        action = machine.flushed(at: now())
                    case .write(let bytes, let deadline):
                        try transport.write(bytes, deadline: origin + deadline)
                        action = machine.written(at: now())
                    case .read(let until):
                        do throws(TransportError) {
                            let chunk = try transport.read(maxCount: readSize, deadline: origin + until)
                            action = machine.bytesReceived(chunk, at: now())
                        } catch where error.kind == .timeout {
                            action = machine.deadlinePassed(at: now())
                        }
                    case .deliver, .fail:
                        continue
                    }
                } catch {
                    action = machine.transportFailed(error)
                }
            }
        }
    }
}
