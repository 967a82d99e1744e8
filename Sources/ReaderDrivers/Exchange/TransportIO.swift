import Dispatch
import ReaderTransport

/// Runs one blocking transport call off the cooperative pool (transports block until their
/// deadline by contract). Each call gets a serial queue of its own: such a queue runs on
/// libdispatch's overcommitting threads, which it adds when the others are blocked, whereas the
/// global concurrent queues stop at one thread per core. A gate with more readers than cores
/// would otherwise have a reader's read wait for another reader's deadline before it even
/// started, and a retry could begin so late that it met its own earlier, late reply.
///
/// Cancelling the calling task sets the call's `CancellationFlag`; the transports check it
/// between the slices of their waits (100 ms at most) and throw `TransportError.cancelled`, so a
/// daemon stopping on SIGTERM does not wait out every deadline.
public enum TransportIO {
    public static func run<T: Sendable>(
        _ work: @escaping @Sendable () throws(TransportError) -> T
    ) async throws(TransportError) -> T {
        try await perform { () -> Result<T, TransportError> in
            do throws(TransportError) { return .success(try work()) } catch { return .failure(error) }
        }.get()
    }

    /// As `run`, for work that reports its own failures in its result.
    public static func perform<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let flag = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue(label: "librfid.transport-io", qos: .userInitiated).async {
                    continuation.resume(returning: TransportCancellation.with(flag, work))
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }
}
