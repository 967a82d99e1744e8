import ReaderCore
import ReaderProtocols
import ReaderTransport

/// How hard a driver tries before giving up. Bounded by construction: every attempt has its own
/// deadline, so the worst case of one operation is `attempts * timeout`, plus at most one
/// `settle` window per reply still owed from an earlier operation (see `ReplyLedger`).
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var timeout: Duration
    /// How long the line must carry no reply before replies still owed from an earlier request
    /// are given up as lost. Twice the timeout by default: a reader late enough to miss one
    /// deadline is usually answering within the next.
    public var settle: Duration

    public init(attempts: Int = 3, timeout: Duration = .milliseconds(800), settle: Duration? = nil) {
        self.attempts = max(1, attempts)
        self.timeout = timeout
        self.settle = settle ?? timeout * 2
    }

    /// "3 attempts of 0.8 seconds each", "1 attempt of 1.0 seconds": for timeout messages.
    public var attemptsDescription: String {
        attempts == 1 ? "1 attempt of \(timeout)" : "\(attempts) attempts of \(timeout) each"
    }
}

/// Request/response over any transport and any framing: write a request, assemble frames from
/// whatever chunks arrive, and hand back the first frame the caller accepts. A checksum error
/// or silence is retried (after flushing stale bytes); a vanished device is not.
///
/// Stale replies: before a request's first attempt the replies the link still owes (from
/// earlier timed-out or retried requests, counted in the `ReplyLedger`) are waited for and
/// discarded, then the input is flushed; during the exchange `accept` checks each frame's
/// shape against the request, so a late reply of another shape is skipped rather than taken.
public enum FrameExchange {
    enum Attempt<Frame: Sendable>: Sendable {
        case frame(Frame)
        case checksum
        case silence(partial: Int)
    }

    public static func exchange<S: FrameScanner>(
        _ scanner: S.Type, over transport: any ByteTransport, request: [UInt8], policy: RetryPolicy,
        ledger: ReplyLedger<Void>, operation: String, accept: @escaping @Sendable (S.Frame) -> Bool = { _ in true }
    ) async throws(ReaderError) -> S.Frame {
        var last = "no reply"
        for attempt in 1...policy.attempts {
            let outcome: Attempt<S.Frame>
            do throws(TransportError) {
                outcome = try await TransportIO.run { () throws(TransportError) -> Attempt<S.Frame> in
                    if attempt == 1 {
                        try drain(scanner, transport, ledger, settle: policy.settle)
                    } else {
                        try transport.flush()
                    }
                    return try once(scanner, transport, request, policy.timeout, ledger, accept)
                }
            } catch {
                if error.kind == .disconnected { ledger.forget() }
                throw map(error, operation: operation)
            }
            switch outcome {
            case .frame(let frame): return frame
            case .checksum: last = "reply had a bad CRC"
            case .silence(let partial):
                last = partial > 0 ? "reply stopped after \(partial) bytes" : "no reply"
            }
        }
        let kind: ReaderError.Kind = last == "reply had a bad CRC" ? .protocolViolation : .timeout
        return try fail(ReaderError(kind, operation: operation, "\(last) after \(policy.attemptsDescription)"))
    }

    private static func fail<T>(_ e: ReaderError) throws(ReaderError) -> T { throw e }

    /// Waits for the replies the link still owes and discards them, then flushes the input.
    /// Only CRC-checked frames count as replies: a garbled reply is not counted, which leaves
    /// the ledger waiting longer (safe), never shorter. Each reply restarts the settle window;
    /// when it passes with replies still owed they are given up as lost.
    static func drain<S: FrameScanner>(
        _ scanner: S.Type, _ transport: any ByteTransport, _ ledger: ReplyLedger<Void>, settle: Duration
    ) throws(TransportError) {
        try ledger.drain(scanner, transport, settle: settle) { _ in
            ledger.answered()
            return true
        }
    }

    static func once<S: FrameScanner>(
        _ scanner: S.Type, _ transport: any ByteTransport, _ request: [UInt8], _ timeout: Duration,
        _ ledger: ReplyLedger<Void>, _ accept: (S.Frame) -> Bool
    ) throws(TransportError) -> Attempt<S.Frame> {
        let deadline = ContinuousClock.now + timeout
        try transport.write(request, deadline: deadline)
        ledger.sent()
        var assembler = FrameAssembler<S>()
        var sawChecksumError = false
        while true {
            let chunk: [UInt8]
            do {
                chunk = try transport.read(maxCount: 512, deadline: deadline)
            } catch where error.kind == .timeout {
                return sawChecksumError ? .checksum : .silence(partial: assembler.pendingCount)
            }
            for event in assembler.push(chunk) {
                switch event {
                case .frame(let frame) where accept(frame):
                    // One of this request's attempts was answered; the others stay owed.
                    ledger.answered()
                    return .frame(frame)
                case .checksumError: sawChecksumError = true
                default: continue  // a frame of another shape: a late reply to an earlier request
                }
            }
            if sawChecksumError && assembler.pendingCount == 0 { return .checksum }
        }
    }

    public static func map(_ error: TransportError, operation: String) -> ReaderError {
        switch error.kind {
        case .timeout: ReaderError(.timeout, operation: operation, "no reply from \(error.endpoint)")
        case .disconnected: ReaderError(.disconnected, operation: operation, "\(error.endpoint) went away")
        case .notFound, .busy, .permissionDenied, .refused, .unreachable: ReaderError(.unavailable, operation: operation, error.description)
        case .invalidConfiguration: ReaderError(.invalidRequest, operation: operation, error.description)
        case .io: ReaderError(.io, operation: operation, error.description)
        }
    }
}
