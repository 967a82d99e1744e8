import ReaderCore
import ReaderProtocols
import ReaderTransport

/// The TI EVM's text exchange as a pure state machine (see `TRF7970AExchange` for the rules):
/// drain the replies still owed by their description lines, flush, write, then read lines until
/// the reply `expect` describes is complete. A garbled line after the description, or silence,
/// is retried after a flush; an inventory ends when the line stays quiet for its idle gap.
struct TRF7970AExchangeMachine: ExchangeMachine {
    typealias Reply = TRF7970AExchange.Answer
    typealias Expect = TRF7970AExchange.Expect

    /// The reply being read: how far it has got.
    struct Reading: Sendable {
        var deadline: Duration
        var lines = FrameAssembler<TRF7970AReplyScanner>()
        var answer = Reply()
        var seenBanner = false
        var seenBlank = false
        /// The read under way ends at the inventory's quiet gap, not at the deadline.
        var quietEnds = false
    }

    enum State: Sendable {
        case idle
        case draining(OwedReplyDrain<TRF7970AReplyScanner>)
        case flushing
        case writing(deadline: Duration)
        case reading(Reading)
        case done
    }

    enum Miss: Sendable, Equatable {
        case garbled(column: Int)
        case silence(partial: Int)
    }

    let request: [UInt8]
    let expect: Expect
    let policy: RetryPolicy
    let operation: String
    private(set) var ledger: ReplyLedger<String?>
    private(set) var attempt = 0
    private var state = State.idle

    init(request: [UInt8], expect: Expect, policy: RetryPolicy, ledger: ReplyLedger<String?>, operation: String) {
        self.request = request
        self.expect = expect
        self.policy = policy
        self.ledger = ledger
        self.operation = operation
    }

    mutating func start(at now: Duration) -> ExchangeAction<Reply> {
        attempt = 1
        guard ledger.count > 0 else { return flush() }
        let drain = OwedReplyDrain<TRF7970AReplyScanner>(settle: policy.settle, at: now)
        state = .draining(drain)
        return .read(until: drain.quietUntil)
    }

    mutating func flushed(at now: Duration) -> ExchangeAction<Reply> {
        guard case .flushing = state else { return misuse("flushed") }
        let deadline = now + policy.timeout
        state = .writing(deadline: deadline)
        return .write(request, deadline: deadline)
    }

    mutating func written(at now: Duration) -> ExchangeAction<Reply> {
        guard case .writing(let deadline) = state else { return misuse("written") }
        ledger.sent(TRF7970AExchange.banner(expect))
        return read(Reading(deadline: deadline), at: now)
    }

    mutating func bytesReceived(_ bytes: [UInt8], at now: Duration) -> ExchangeAction<Reply> {
        switch state {
        case .draining(var drain):
            // A description line pays the owed reply it starts, and those owed before it.
            let clear = drain.received(bytes, at: now, ledger: &ledger) { line, ledger in
                guard case .text(let text) = line,
                    let index = ledger.entries.firstIndex(where: { TRF7970AExchange.matches(text, $0) })
                else { return false }
                ledger.answered(through: index)
                return true
            }
            if clear { return flush() }
            state = .draining(drain)
            return .read(until: drain.quietUntil)
        case .reading(var r):
            let wanted = TRF7970AExchange.banner(expect)
            for case .frame(let line) in r.lines.push(bytes) {
                switch line {
                case .text(let text):
                    guard !r.seenBanner, TRF7970AExchange.matches(text, wanted) else { continue }
                    // The reply to one of this request's attempts has begun.
                    r.seenBanner = true
                    ledger.answered()
                    r.answer.banner = text.trimmingSpaces
                    if case .banner(_, blankAfter: false) = expect { return deliver(r.answer) }
                case .blank:
                    guard r.seenBanner else { continue }
                    if case .banner = expect { return deliver(r.answer) }
                    r.seenBlank = true
                case .results(let items):
                    guard r.seenBanner else { continue }
                    if case .request = expect {
                        r.answer.results = items
                        return deliver(r.answer)
                    }
                    r.answer.results += items
                case .garbled(let column):
                    if r.seenBanner { return missed(.garbled(column: column)) }
                }
            }
            return read(r, at: now)
        default:
            return misuse("bytes received")
        }
    }

    mutating func deadlinePassed(at now: Duration) -> ExchangeAction<Reply> {
        switch state {
        case .draining:
            ledger.forget()
            return flush()
        case .reading(let r):
            return r.quietEnds ? deliver(r.answer) : missed(.silence(partial: r.lines.pendingCount))
        default:
            return misuse("deadline passed")
        }
    }

    mutating func transportFailed(_ error: TransportError) -> ExchangeAction<Reply> {
        if error.kind == .disconnected { ledger.forget() }
        state = .done
        return .fail(ReaderError(error, operation: operation))
    }

    /// The next read: until the deadline, or, once an inventory's tag lines have begun and no
    /// line is half read, until the line has been quiet for the idle gap.
    private mutating func read(_ reading: Reading, at now: Duration) -> ExchangeAction<Reply> {
        var r = reading
        var until = r.deadline
        r.quietEnds = false
        if case .inventory(let gap) = expect, r.seenBlank, r.lines.pendingCount == 0, now + gap < r.deadline {
            until = now + gap
            r.quietEnds = true
        }
        state = .reading(r)
        return .read(until: until)
    }

    private mutating func deliver(_ answer: Reply) -> ExchangeAction<Reply> {
        state = .done
        return .deliver(answer)
    }

    private mutating func flush() -> ExchangeAction<Reply> {
        state = .flushing
        return .flush
    }

    private mutating func missed(_ miss: Miss) -> ExchangeAction<Reply> {
        if attempt < policy.attempts {
            attempt += 1
            return flush()
        }
        state = .done
        let (kind, text): (ReaderError.Kind, String) =
            switch miss {
            case .garbled(let column): (.protocolViolation, "reply line was garbled at column \(column + 1)")
            case .silence(let partial): (.timeout, partial > 0 ? "reply stopped after \(partial) characters" : "no reply")
            }
        return .fail(ReaderError(kind, operation: operation, "\(text) after \(policy.attemptsDescription)"))
    }

    private mutating func misuse(_ input: String) -> ExchangeAction<Reply> {
        state = .done
        return .fail(ReaderError(.io, operation: operation, "exchange driven out of order (\(input))"))
    }
}
