import ReaderCore
import ReaderProtocols
import ReaderTransport

/// One command to the TI EVM and its printed answer. The EVM's output has no checksum and no
/// end marker: a reply is recognised by its description line, then by what that command
/// prints (a bracket line for a request, a blank line after register writes). Inventory is
/// the exception — the firmware prints each tag as its anticollision finds it — so an
/// inventory ends when the line has been quiet for `idleGap` after complete lines.
///
/// Stale replies: every reply starts with its description line, so the driver's ledger holds
/// the description each owed reply starts with. Before a request's first attempt the replies
/// still owed from earlier timed-out or retried requests are waited for (by their description
/// lines) and discarded, then the input is flushed; only after that does the request go out.
/// This matters most for request mode, where every write is answered `Request mode.` `[00]`.
/// The rules are in `TRF7970AExchangeMachine` (pure); this runs it over a transport.
enum TRF7970AExchange {
    enum Expect: Sendable {
        /// The description line (nil: any text line), then a blank line if `blankAfter`.
        case banner(String?, blankAfter: Bool)
        /// `Request mode.` then one bracket line.
        case request
        /// `ISO 15693 Inventory request.`, a blank line, then tag lines until quiet.
        case inventory(idleGap: Duration)
    }

    struct Answer: Sendable, Equatable {
        var banner = ""
        var results: [TRF7970ABracket] = []
    }

    /// The description line a reply to `expect` starts with; nil matches any text line.
    static func banner(_ expect: Expect) -> String? {
        switch expect {
        case .banner(let b, _): b
        case .request: TRF7970ACommand.Banner.request
        case .inventory: TRF7970ACommand.Banner.inventory
        }
    }

    /// Whether a printed line is the description `wanted`. Printable noise can precede the
    /// line on a real port, hence the suffix test.
    static func matches(_ text: String, _ wanted: String?) -> Bool {
        wanted.map { text.trimmingSpaces.hasSuffix($0.trimmingSpaces) } ?? true
    }

    static func run(
        _ frame: TRF7970AFrame, expect: Expect, over transport: any ByteTransport, policy: RetryPolicy,
        ledger: ReplyLedger<String?>, operation: String
    ) async -> (result: Result<Answer, ReaderError>, ledger: ReplyLedger<String?>) {
        let machine = TRF7970AExchangeMachine(
            request: frame.encoded(), expect: expect, policy: policy, ledger: ledger, operation: operation)
        let (result, ended) = await ExchangeLoop.run(machine, over: transport)
        return (result, ended.ledger)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
