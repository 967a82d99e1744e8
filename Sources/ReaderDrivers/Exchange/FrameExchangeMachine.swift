import ReaderCore
import ReaderProtocols
import ReaderTransport

/// Request/response with checksummed frames (FEIG, 3M 810), as a pure state machine: write a
/// request, assemble frames from whatever chunks arrive, and deliver the first frame `accept`
/// takes. A checksum error or silence is retried after a flush; a vanished device is not.
///
/// Stale replies: before a request's first attempt the replies the ledger still owes (from
/// earlier timed-out or retried requests) are waited for and discarded, then the input is
/// flushed; during the exchange `accept` checks each frame's shape against the request, so a
/// late reply of another shape is skipped rather than taken. Late replies to earlier attempts
/// of the *same* request are valid answers.
public struct FrameExchangeMachine<Scanner: FrameScanner>: ExchangeMachine {
    public typealias Reply = Scanner.Frame

    enum State: Sendable {
        case idle
        case draining(OwedReplyDrain<Scanner>)
        case flushing
        case writing(deadline: Duration)
        case awaiting(deadline: Duration, frames: FrameAssembler<Scanner>, sawChecksumError: Bool)
        case done
    }

    /// How an attempt ended without a reply.
    enum Miss: Sendable, Equatable {
        case checksum
        case silence(partial: Int)
    }

    public let request: [UInt8]
    public let policy: RetryPolicy
    public let operation: String
    let accept: @Sendable (Scanner.Frame) -> Bool
    /// Replies owed; handed back to the driver when the exchange ends.
    public private(set) var ledger: ReplyLedger<Void>
    /// The attempt under way, from 1.
    public private(set) var attempt = 0
    var state = State.idle

    public init(
        request: [UInt8], policy: RetryPolicy, ledger: ReplyLedger<Void>, operation: String,
        accept: @escaping @Sendable (Scanner.Frame) -> Bool = { _ in true }
    ) {
        self.request = request
        self.policy = policy
        self.ledger = ledger
        self.operation = operation
        self.accept = accept
    }

    public mutating func start(at now: Duration) -> ExchangeAction<Reply> {
        attempt = 1
        guard ledger.count > 0 else { return flush() }
        let drain = OwedReplyDrain<Scanner>(settle: policy.settle, at: now)
        state = .draining(drain)
        return .read(until: drain.quietUntil)
    }

    public mutating func flushed(at now: Duration) -> ExchangeAction<Reply> {
        guard case .flushing = state else { return misuse("flushed") }
        let deadline = now + policy.timeout
        state = .writing(deadline: deadline)
        return .write(request, deadline: deadline)
    }

    public mutating func written(at now: Duration) -> ExchangeAction<Reply> {
        guard case .writing(let deadline) = state else { return misuse("written") }
        ledger.sent()
        state = .awaiting(deadline: deadline, frames: FrameAssembler(), sawChecksumError: false)
        return .read(until: deadline)
    }

    public mutating func bytesReceived(_ bytes: [UInt8], at now: Duration) -> ExchangeAction<Reply> {
        switch state {
        case .draining(var drain):
            // Every frame pays one owed reply: frame protocols' replies are all alike to the ledger.
            let clear = drain.received(bytes, at: now, ledger: &ledger) { _, ledger in
                ledger.answered()
                return true
            }
            if clear { return flush() }
            state = .draining(drain)
            return .read(until: drain.quietUntil)
        case .awaiting(let deadline, var frames, var sawChecksumError):
            for event in frames.push(bytes) {
                switch event {
                case .frame(let frame) where accept(frame):
                    // One of this request's attempts was answered; the others stay owed.
                    ledger.answered()
                    state = .done
                    return .deliver(frame)
                case .checksumError: sawChecksumError = true
                default: continue  // a frame of another shape: a late reply to an earlier request
                }
            }
            if sawChecksumError && frames.pendingCount == 0 { return missed(.checksum) }
            state = .awaiting(deadline: deadline, frames: frames, sawChecksumError: sawChecksumError)
            return .read(until: deadline)
        default:
            return misuse("bytes received")
        }
    }

    public mutating func deadlinePassed(at now: Duration) -> ExchangeAction<Reply> {
        switch state {
        case .draining:
            // The settle window passed with replies still owed: they are lost.
            ledger.forget()
            return flush()
        case .awaiting(_, let frames, let sawChecksumError):
            return missed(sawChecksumError ? .checksum : .silence(partial: frames.pendingCount))
        default:
            return misuse("deadline passed")
        }
    }

    public mutating func transportFailed(_ error: TransportError) -> ExchangeAction<Reply> {
        // A device that went away owes nothing: its replies will never come.
        if error.kind == .disconnected { ledger.forget() }
        state = .done
        return .fail(ReaderError(error, operation: operation))
    }

    private mutating func flush() -> ExchangeAction<Reply> {
        state = .flushing
        return .flush
    }

    /// An attempt ended without a reply: retry after a flush, or fail with the last reason.
    private mutating func missed(_ miss: Miss) -> ExchangeAction<Reply> {
        if attempt < policy.attempts {
            attempt += 1
            return flush()
        }
        state = .done
        let (kind, text): (ReaderError.Kind, String) =
            switch miss {
            case .checksum: (.protocolViolation, "reply had a bad CRC")
            case .silence(let partial): (.timeout, partial > 0 ? "reply stopped after \(partial) bytes" : "no reply")
            }
        return .fail(ReaderError(kind, operation: operation, "\(text) after \(policy.attemptsDescription)"))
    }

    /// An input the state does not expect: a bug in the loop driving the machine, reported as
    /// an error rather than a crash in a reader daemon.
    private mutating func misuse(_ input: String) -> ExchangeAction<Reply> {
        state = .done
        return .fail(ReaderError(.io, operation: operation, "exchange driven out of order (\(input))"))
    }
}
