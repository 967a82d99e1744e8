import ReaderCore
import ReaderTransport

/// What an exchange machine asks its driver loop to do next. Times are offsets from the start
/// of the exchange (the loop turns them into instants), so a machine never reads a clock.
public enum ExchangeAction<Reply: Sendable>: Sendable {
    /// Write the request; the write, and the reads after it, end at `deadline`.
    case write([UInt8], deadline: Duration)
    /// Drop whatever is buffered (stale bytes before a request).
    case flush
    /// Read what arrives until `until`: answer `bytesReceived` or, at the time, `deadlinePassed`.
    case read(until: Duration)
    /// The exchange is over: this is the reply.
    case deliver(Reply)
    /// The exchange is over: this is why it failed.
    case fail(ReaderError)
}

/// One request/reply exchange as a pure state machine: no I/O, no clock, no locks. Inputs are
/// what happened (with the time it happened, as an offset from the start); each returns the
/// next action. `ExchangeLoop` drives it over a transport; tests drive it by hand.
public protocol ExchangeMachine: Sendable {
    associatedtype Reply: Sendable
    mutating func start(at now: Duration) -> ExchangeAction<Reply>
    mutating func flushed(at now: Duration) -> ExchangeAction<Reply>
    mutating func written(at now: Duration) -> ExchangeAction<Reply>
    mutating func bytesReceived(_ bytes: [UInt8], at now: Duration) -> ExchangeAction<Reply>
    /// The read's time passed with nothing (more) received.
    mutating func deadlinePassed(at now: Duration) -> ExchangeAction<Reply>
    /// A transport call failed other than by the read's deadline (gone, cancelled, I/O).
    mutating func transportFailed(_ error: TransportError) -> ExchangeAction<Reply>
}

extension ReaderError {
    /// The reader-level error for a transport failure during `operation`.
    public init(_ error: TransportError, operation: String) {
        switch error.kind {
        case .timeout: self.init(.timeout, operation: operation, "no reply from \(error.endpoint)")
        case .disconnected: self.init(.disconnected, operation: operation, "\(error.endpoint) went away")
        case .cancelled: self.init(.cancelled, operation: operation, "cancelled while waiting for \(error.endpoint)")
        case .notFound, .busy, .permissionDenied, .refused, .unreachable:
            self.init(.unavailable, operation: operation, error.description)
        case .invalidConfiguration: self.init(.invalidRequest, operation: operation, error.description)
        case .io: self.init(.io, operation: operation, error.description)
        }
    }
}
