import ReaderProtocols
import ReaderTransport
import Synchronization

/// The requests a reader has been sent and has not answered yet, oldest first, kept per
/// reader link so a late reply is never taken for the answer to a later command.
///
/// Why a ledger and not just a flush: serial readers answer in order and without a sequence
/// number (a FEIG ISO Host reply names only `B0`, every write is answered `B0 00`, the TI EVM
/// prints `Request mode.` then `[00]` for any write). A reply that comes after its deadline is
/// still on its way when the driver gives up, so a flush before the next request can miss it
/// and the next command would read it as its own: a refused write would then be reported as
/// written. The ledger counts what is still owed; before a new request's first attempt the
/// driver waits for exactly those replies (and throws them away), giving up on them only
/// after the line has carried no reply for the settle window.
///
/// `Entry` describes what each owed reply looks like, for protocols that need it to tell where
/// one reply ends (the TI EVM's text replies); frame protocols use `Void`.
public final class ReplyLedger<Entry: Sendable>: Sendable {
    private let owed = Mutex<[Entry]>([])

    public init() {}

    /// Replies still owed, oldest first.
    public var entries: [Entry] { owed.withLock { $0 } }
    public var count: Int { owed.withLock { $0.count } }

    /// A request went out (its bytes were written) and will be answered once.
    func sent(_ entry: Entry) { owed.withLock { $0.append(entry) } }

    /// The oldest owed reply arrived.
    func answered() {
        owed.withLock { if !$0.isEmpty { $0.removeFirst() } }
    }

    /// The reply for entry `index` arrived; the reader answers in order, so the replies owed
    /// before it will not come (the reader dropped them or never took their requests).
    func answered(through index: Int) {
        owed.withLock { $0.removeFirst(min($0.count, index + 1)) }
    }

    /// The replies still owed are given up: the line stayed quiet for the settle window, or the
    /// device went away.
    func forget() { owed.withLock { $0.removeAll() } }
}

extension ReplyLedger where Entry == Void {
    func sent() { sent(()) }
}

extension ReplyLedger {
    /// Reads and throws away the replies still owed, then flushes the input. `take` looks at
    /// each frame and marks in the ledger which owed reply it was, returning whether it was one;
    /// each one restarts the settle window, and when the window passes with replies still owed
    /// they are given up as lost.
    func drain<S: FrameScanner>(
        _ scanner: S.Type, _ transport: any ByteTransport, settle: Duration, take: (S.Frame) -> Bool
    ) throws(TransportError) {
        var assembler = FrameAssembler<S>()
        var quietUntil = ContinuousClock.now + settle
        while count > 0 {
            let chunk: [UInt8]
            do {
                chunk = try transport.read(maxCount: 512, deadline: quietUntil)
            } catch where error.kind == .timeout {
                forget()
                break
            }
            for case .frame(let frame) in assembler.push(chunk) where take(frame) {
                quietUntil = ContinuousClock.now + settle
            }
        }
        try transport.flush()
    }
}
