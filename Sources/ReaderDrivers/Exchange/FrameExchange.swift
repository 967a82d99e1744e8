import ReaderCore
import ReaderProtocols
import ReaderTransport

/// Runs a frame exchange over a transport for a driver: the reply or the error, and the ledger
/// to keep for the next request.
public enum FrameExchange {
    public static func exchange<S: FrameScanner>(
        _ scanner: S.Type, over transport: any ByteTransport, request: [UInt8], policy: RetryPolicy,
        ledger: ReplyLedger<Void>, operation: String, accept: @escaping @Sendable (S.Frame) -> Bool = { _ in true }
    ) async -> (result: Result<S.Frame, ReaderError>, ledger: ReplyLedger<Void>) {
        let machine = FrameExchangeMachine<S>(
            request: request, policy: policy, ledger: ledger, operation: operation, accept: accept)
        let (result, ended) = await ExchangeLoop.run(machine, over: transport)
        return (result, ended.ledger)
    }
}
