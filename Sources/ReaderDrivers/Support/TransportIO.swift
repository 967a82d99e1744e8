import Dispatch
import ReaderTransport

/// Runs one blocking transport call on a dedicated dispatch queue so it never occupies a
/// cooperative-pool thread (transports block until their deadline by contract).
public enum TransportIO {
    public static func run<T: Sendable>(
        _ work: @escaping @Sendable () throws(TransportError) -> T
    ) async throws(TransportError) -> T {
        let result: Result<T, TransportError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
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
