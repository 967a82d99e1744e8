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
enum TRF7970AExchange {
    enum Expect: Sendable {
        /// The description line (nil: any text line), then a blank line if `blankAfter`.
        case banner(String?, blankAfter: Bool)
        /// `Request mode.` then one bracket line.
        case request
        /// `ISO 15693 Inventory request.`, a blank line, then tag lines until quiet.
        case inventory(idleGap: Duration)
    }

    struct Answer: Sendable {
        var banner = ""
        var results: [TRF7970ABracket] = []
    }

    enum Attempt: Sendable {
        case done(Answer)
        case garbled(column: Int)
        case silence(partial: Int)
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
    ) async throws(ReaderError) -> Answer {
        var last = "no reply"
        var garbled = false
        for attempt in 1...policy.attempts {
            let outcome: Attempt
            do throws(TransportError) {
                outcome = try await TransportIO.run { () throws(TransportError) -> Attempt in
                    if attempt == 1 {
                        try drain(transport, ledger, settle: policy.settle)
                    } else {
                        try transport.flush()
                    }
                    return try once(frame.encoded(), expect, transport, policy.timeout, ledger)
                }
            } catch {
                if error.kind == .disconnected { ledger.forget() }
                throw FrameExchange.map(error, operation: operation)
            }
            switch outcome {
            case .done(let answer): return answer
            case .garbled(let column):
                last = "reply line was garbled at column \(column + 1)"
                garbled = true
            case .silence(let partial):
                last = partial > 0 ? "reply stopped after \(partial) characters" : "no reply"
                garbled = false
            }
        }
        let kind: ReaderError.Kind = garbled ? .protocolViolation : .timeout
        throw ReaderError(kind, operation: operation, "\(last) after \(policy.attemptsDescription)")
    }

    /// Waits for the replies still owed, each recognised by the description line it starts
    /// with, and discards them; the reader answers in order, so a description that matches a
    /// later owed reply means the ones before it will not come. When the settle window passes
    /// without one, the rest are given up. Then the input is flushed.
    static func drain(_ transport: any ByteTransport, _ ledger: ReplyLedger<String?>, settle: Duration) throws(TransportError) {
        try ledger.drain(TRF7970AReplyScanner.self, transport, settle: settle) { frame in
            guard case .text(let text) = frame, let index = ledger.entries.firstIndex(where: { matches(text, $0) })
            else { return false }
            ledger.answered(through: index)
            return true
        }
    }

    static func once(
        _ request: [UInt8], _ expect: Expect, _ transport: any ByteTransport, _ timeout: Duration, _ ledger: ReplyLedger<String?>
    ) throws(TransportError) -> Attempt {
        let deadline = ContinuousClock.now + timeout
        try transport.write(request, deadline: deadline)
        let wanted = banner(expect)
        ledger.sent(wanted)
        var lines = FrameAssembler<TRF7970AReplyScanner>()
        var answer = Answer()
        var seenBanner = false
        var seenBlank = false
        while true {
            var readDeadline = deadline
            var quietEnds = false
            if case .inventory(let gap) = expect, seenBlank, lines.pendingCount == 0 {
                let quiet = ContinuousClock.now + gap
                if quiet < deadline {
                    readDeadline = quiet
                    quietEnds = true
                }
            }
            let chunk: [UInt8]
            do {
                chunk = try transport.read(maxCount: 512, deadline: readDeadline)
            } catch where error.kind == .timeout {
                return quietEnds ? .done(answer) : .silence(partial: lines.pendingCount)
            }
            for case .frame(let line) in lines.push(chunk) {
                switch line {
                case .text(let text):
                    guard !seenBanner, matches(text, wanted) else { continue }
                    // The reply to one of this request's attempts has begun.
                    seenBanner = true
                    ledger.answered()
                    answer.banner = text.trimmingSpaces
                    if case .banner(_, blankAfter: false) = expect { return .done(answer) }
                case .blank:
                    guard seenBanner else { continue }
                    if case .banner = expect { return .done(answer) }
                    seenBlank = true
                case .results(let items):
                    guard seenBanner else { continue }
                    if case .request = expect {
                        answer.results = items
                        return .done(answer)
                    }
                    answer.results += items
                case .garbled(let column):
                    if seenBanner { return .garbled(column: column) }
                }
            }
        }
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
