import ReaderCore
import ReaderProtocols
import ReaderTransport

/// One CCID command and its reply over a bulk endpoint pair, as a pure state machine. Replies
/// are matched by slot and sequence number, so a late reply to an abandoned command is
/// recognised and dropped instead of being taken for the answer to the next one. A "time
/// extension" reply extends the wait (bounded); silence is retried with a fresh sequence number.
struct CCIDExchangeMachine: ExchangeMachine {
    typealias Reply = CCIDMessage

    /// Time extensions honoured per command before giving up.
    static let maximumExtensions = 8

    enum State: Sendable {
        case idle
        case writing(CCIDMessage, deadline: Duration)
        case awaiting(CCIDMessage, deadline: Duration, frames: FrameAssembler<CCIDScanner>, extensions: Int)
        case done
    }

    let request: CCIDMessage
    let policy: RetryPolicy
    let operation: String
    /// The sequence number the next message will carry; numbers used by abandoned attempts
    /// stay used, so their late replies never match.
    private(set) var nextSequence: UInt8
    private(set) var attempt = 0
    private var state = State.idle

    init(request: CCIDMessage, sequence: UInt8, policy: RetryPolicy, operation: String) {
        self.request = request
        self.nextSequence = sequence
        self.policy = policy
        self.operation = operation
    }

    mutating func start(at now: Duration) -> ExchangeAction<Reply> {
        attempt = 1
        return send(at: now)
    }

    mutating func flushed(at now: Duration) -> ExchangeAction<Reply> { misuse("flushed") }

    mutating func written(at now: Duration) -> ExchangeAction<Reply> {
        guard case .writing(let sent, let deadline) = state else { return misuse("written") }
        state = .awaiting(sent, deadline: deadline, frames: FrameAssembler(), extensions: 0)
        return .read(until: deadline)
    }

    mutating func bytesReceived(_ bytes: [UInt8], at now: Duration) -> ExchangeAction<Reply> {
        guard case .awaiting(let sent, var deadline, var frames, var extensions) = state else {
            return misuse("bytes received")
        }
        for case .frame(let reply) in frames.push(bytes) {
            guard reply.kind.fromReader, reply.slot == sent.slot, reply.sequence == sent.sequence else { continue }
            if reply.status.command == .timeExtension, extensions < Self.maximumExtensions {
                extensions += 1
                deadline = now + policy.timeout
                continue
            }
            state = .done
            return .deliver(reply)
        }
        state = .awaiting(sent, deadline: deadline, frames: frames, extensions: extensions)
        return .read(until: deadline)
    }

    mutating func deadlinePassed(at now: Duration) -> ExchangeAction<Reply> {
        guard case .awaiting = state else { return misuse("deadline passed") }
        if attempt < policy.attempts {
            attempt += 1
            return send(at: now)
        }
        state = .done
        let kind = "0x" + String(request.kind.rawValue, radix: 16, uppercase: true)
        return .fail(ReaderError(.timeout, operation: operation, "no reply to CCID message \(kind) after \(policy.attemptsDescription)"))
    }

    mutating func transportFailed(_ error: TransportError) -> ExchangeAction<Reply> {
        state = .done
        return .fail(ReaderError(error, operation: operation))
    }

    private mutating func send(at now: Duration) -> ExchangeAction<Reply> {
        var message = request
        message.sequence = nextSequence
        nextSequence &+= 1
        let deadline = now + policy.timeout
        state = .writing(message, deadline: deadline)
        return .write(message.encoded(), deadline: deadline)
    }

    private mutating func misuse(_ input: String) -> ExchangeAction<Reply> {
        state = .done
        return .fail(ReaderError(.io, operation: operation, "exchange driven out of order (\(input))"))
    }
}

/// Runs a CCID exchange over a bulk endpoint pair for the driver.
enum CCIDExchange {
    static func run(
        _ request: CCIDMessage, over endpoints: any BulkEndpoints, policy: RetryPolicy, operation: String, sequence: UInt8
    ) async -> (result: Result<CCIDMessage, ReaderError>, nextSequence: UInt8) {
        let machine = CCIDExchangeMachine(request: request, sequence: sequence, policy: policy, operation: operation)
        let (result, ended) = await ExchangeLoop.run(
            machine, over: BulkEndpointStream(endpoints), readSize: CCIDMessage.headerLength + CCIDMessage.maximumDataLength)
        return (result, ended.nextSequence)
    }
}
