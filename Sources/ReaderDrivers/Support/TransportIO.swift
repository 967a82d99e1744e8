import Dispatch
import ReaderTransport

/// Runs one blocking transport call off the cooperative pool (transports block until their
/// deadline by contract). Each call gets a serial queue of its own: such a queue runs on
/// libdispatch's overcommitting threads, which it adds when the others are blocked, whereas the
/// global concurrent queues stop at one thread per core. A gate with more readers than cores
/// would otherwise have a reader's read wait for another reader's deadline before it even
/// started, and a retry could begin so late that it met its own earlier, late reply.
public enum TransportIO {
    public static func run<T: Sendable>(
        _ work: @escaping @Sendable () throws(TransportError) -> T
    ) async throws(TransportError) -> T {
        let result: Result<T, TransportError> = await withCheckedContinuation { continuation in
            DispatchQueue(label: "librfid.transport-io", qos: .userInitiated).async {
                do throws(TransportError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
