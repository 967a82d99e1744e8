import ReaderCore
import ReaderProtocols
import ReaderTransport

/// How hard a driver tries before giving up. Bounded by construction: every attempt has its own
/// deadline, so the worst case of one operation is `attempts * timeout`.
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var timeout: Duration

    public init(attempts: Int = 3, timeout: Duration = .milliseconds(800)) {
        self.attempts = max(1, attempts)
        self.timeout = timeout
    }
}

/// Request/response over any transport and any framing: write a request, assemble frames from
/// whatever chunks arrive, and hand back the first frame the caller accepts. A checksum error
/// or silence is retried (after flushing stale bytes); a vanished device is not.
public enum FrameExchange {
    enum Attempt<Frame: Sendable>: Sendable {
        case frame(Frame)
        case checksum
        case silence(partial: Int)
    }

    public static func exchange<S: FrameScanner>(
        _ scanner: S.Type, over transport: any ByteTransport, request: [UInt8], policy: RetryPolicy,
        operation: String, accept: @escaping @Sendable (S.Frame) -> Bool = { _ in true }
    ) async throws(ReaderError) -> S.Frame {
        var last = "no reply"
        for attempt in 1...policy.attempts {
            let outcome: Attempt<S.Frame>
            do throws(TransportError) {
                outcome = try await TransportIO.run { () throws(TransportError) -> Attempt<S.Frame> in
                    if attempt > 1 { try transport.flush() }
                    return try once(scanner, transport, request, policy.timeout, accept)
                }
            } catch {
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
        return try fail(ReaderError(kind, operation: operation, "\(last) after \(policy.attempts) attempts of \(policy.timeout) each"))
    }

    private static func fail<T>(_ e: ReaderError) throws(ReaderError) -> T { throw e }

    static func once<S: FrameScanner>(
        _ scanner: S.Type, _ transport: any ByteTransport, _ request: [UInt8], _ timeout: Duration,
        _ accept: (S.Frame) -> Bool
    ) throws(TransportError) -> Attempt<S.Frame> {
        let deadline = ContinuousClock.now + timeout
        try transport.write(request, deadline: deadline)
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
                case .frame(let frame) where accept(frame): return .frame(frame)
                case .checksumError: sawChecksumError = true
                default: continue
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
