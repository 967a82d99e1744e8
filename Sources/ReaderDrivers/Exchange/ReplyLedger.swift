/// The requests a reader has been sent and has not answered yet, oldest first, kept per
/// reader link so a late reply is never taken for the answer to a later command.
///
/// Why a ledger and not just a flush: serial readers answer in order and without a sequence
/// number (a FEIG ISO Host reply names only `B0`, every write is answered `B0 00`, the TI EVM
/// prints `Request mode.` then `[00]` for any write). A reply that comes after its deadline is
/// still on its way when the driver gives up, so a flush before the next request can miss it
/// and the next command would read it as its own: a refused write would then be reported as
/// written. The ledger counts what is still owed; before a new request's first attempt the
/// exchange waits for exactly those replies (and throws them away), giving up on them only
/// after the line has carried no reply for the settle window.
///
/// A value: the exchange machine carries it through one request and hands it back, and the
/// driver keeps it for the next (requests on one reader follow one another).
///
/// `Entry` describes what each owed reply looks like, for protocols that need it to tell where
/// one reply ends (the TI EVM's text replies); frame protocols use `Void`.
public struct ReplyLedger<Entry: Sendable>: Sendable {
    /// Replies still owed, oldest first.
    public private(set) var entries: [Entry] = []

    public init() {}

    public var count: Int { entries.count }

    /// A request went out (its bytes were written) and will be answered once.
    public mutating func sent(_ entry: Entry) { entries.append(entry) }

    /// The oldest owed reply arrived.
    public mutating func answered() {
        if !entries.isEmpty { entries.removeFirst() }
    }

    /// The reply for entry `index` arrived; the reader answers in order, so the replies owed
    /// before it will not come (the reader dropped them or never took their requests).
    public mutating func answered(through index: Int) { entries.removeFirst(min(entries.count, index + 1)) }

    /// The replies still owed are given up: the line stayed quiet for the settle window, or the
    /// device went away.
    public mutating func forget() { entries.removeAll() }
}

extension ReplyLedger where Entry == Void {
    public mutating func sent() { sent(()) }
}
