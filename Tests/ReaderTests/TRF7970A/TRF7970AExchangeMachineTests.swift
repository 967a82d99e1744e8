import ReaderCore
@testable import ReaderDrivers
import ReaderProtocols
import ReaderTransport
import Testing

/// The TI EVM's text exchange driven by hand: no transport, no clock, no sleep.
@Suite("TRF7970A exchange state machine")
struct TRF7970AExchangeMachineTests {
    typealias Machine = TRF7970AExchangeMachine

    static let request = Array("0108000304140401000000\r\n".utf8)
    static func line(_ text: String) -> [UInt8] { Array("\(text)\r\n".utf8) }
    static let requestMode = TRF7970ACommand.Banner.request

    static func machine(_ expect: TRF7970AExchange.Expect = .request, attempts: Int = 1, owed: [String?] = []) -> Machine {
        var ledger = ReplyLedger<String?>()
        for entry in owed { ledger.sent(entry) }
        return Machine(
            request: request, expect: expect, policy: RetryPolicy(attempts: attempts, timeout: .ms(500), settle: .ms(1000)),
            ledger: ledger, operation: "write AFI")
    }

    static func sent(_ m: inout Machine, at t: Duration = .zero) -> ExchangeAction<TRF7970AExchange.Answer> {
        #expect(m.start(at: t).isFlush)
        #expect(m.flushed(at: t).write?.deadline == t + .ms(500))
        return m.written(at: t)
    }

    @Test("request mode: the description line, then one bracket line, split anywhere")
    func requestModeReply() {
        var m = Self.machine()
        #expect(Self.sent(&m).readUntil == .ms(500))
        #expect(m.ledger.entries.count == 1)
        let reply = Self.line(Self.requestMode) + Self.line("[00]")
        #expect(m.bytesReceived(Array(reply.prefix(17)), at: .ms(10)).readUntil == .ms(500))
        #expect(m.ledger.entries.isEmpty, "the description line pays the owed reply")
        let answer = m.bytesReceived(Array(reply.dropFirst(17)), at: .ms(20)).delivered
        #expect(answer == TRF7970AExchange.Answer(banner: Self.requestMode, results: [.data([0x00])]))
    }

    @Test("lines before the description are another reply's and are skipped")
    func linesBeforeTheDescriptionSkipped() {
        var m = Self.machine()
        _ = Self.sent(&m)
        #expect(m.bytesReceived(Self.line("[0107]") + Self.line("Register write request."), at: .ms(10)).readUntil == .ms(500))
        #expect(m.bytesReceived(Self.line(Self.requestMode) + Self.line("[]"), at: .ms(20)).delivered?.results == [.silence])
    }

    @Test("owed replies are drained by their description lines; one for a later entry pays the earlier ones")
    func staleRepliesDrainedByDescription() {
        var m = Self.machine(owed: [TRF7970ACommand.Banner.registerWrite, Self.requestMode])
        #expect(m.start(at: .zero).readUntil == .ms(1000))
        // Text that is no description restarts nothing.
        #expect(m.bytesReceived(Self.line("[00]"), at: .ms(300)).readUntil == .ms(1000))
        // The request-mode reply came: the register write's reply will not.
        #expect(m.bytesReceived(Self.line(Self.requestMode), at: .ms(600)).isFlush)
        #expect(m.ledger.entries.isEmpty)
    }

    @Test("owed replies that stay away for the settle window are given up")
    func staleRepliesGivenUp() {
        var m = Self.machine(owed: [Self.requestMode])
        _ = m.start(at: .zero)
        #expect(m.bytesReceived(Self.line(Self.requestMode).dropLast(2).map { $0 }, at: .ms(900)).readUntil == .ms(1000))
        #expect(m.deadlinePassed(at: .ms(1000)).isFlush)
        #expect(m.ledger.entries.isEmpty)
    }

    @Test("a garbled line after the description is retried, then a protocol violation naming the column")
    func garbledLine() {
        var m = Self.machine(attempts: 2)
        _ = Self.sent(&m)
        #expect(m.bytesReceived(Self.line(Self.requestMode) + Self.line("[0]7]"), at: .ms(10)).isFlush)
        _ = m.flushed(at: .ms(11))
        _ = m.written(at: .ms(11))
        let error = m.bytesReceived(Self.line(Self.requestMode) + Self.line("[0]7]"), at: .ms(20)).failure
        #expect(error == ReaderError(.protocolViolation, operation: "write AFI", "reply line was garbled at column 2 after 2 attempts of 0.5 seconds each"))
    }

    @Test("a reply that stops mid-line, then silence, is a timeout naming the characters received")
    func partialLineThenSilence() {
        var m = Self.machine()
        _ = Self.sent(&m)
        _ = m.bytesReceived(Array("Request".utf8), at: .ms(10))
        #expect(m.deadlinePassed(at: .ms(500)).failure == ReaderError(.timeout, operation: "write AFI", "reply stopped after 7 characters after 1 attempt of 0.5 seconds"))
    }

    @Test("an inventory ends when the line has been quiet for the idle gap after its tag lines")
    func inventoryEndsOnQuiet() {
        var m = Self.machine(.inventory(idleGap: .ms(60)))
        _ = Self.sent(&m)
        let banner = Self.line(TRF7970ACommand.Banner.inventory) + Self.line("")
        // Before the blank line the read waits for the deadline; after it, for the gap.
        #expect(m.bytesReceived(banner, at: .ms(10)).readUntil == .ms(70))
        #expect(m.bytesReceived(Self.line("[287A704600010400,4E]"), at: .ms(40)).readUntil == .ms(100))
        // Half a line pending: wait for the rest, up to the deadline.
        #expect(m.bytesReceived(Array("[,4".utf8), at: .ms(80)).readUntil == .ms(500))
        #expect(m.bytesReceived(Array("E]\r\n".utf8), at: .ms(90)).readUntil == .ms(150))
        let answer = m.deadlinePassed(at: .ms(150)).delivered
        #expect(answer?.results.count == 2)
        #expect(m.ledger.entries.isEmpty)
    }

    @Test("near the deadline the idle gap would pass it: the deadline stands, and silence is a timeout")
    func inventoryGapBeyondTheDeadline() {
        var m = Self.machine(.inventory(idleGap: .ms(60)))
        _ = Self.sent(&m)
        let banner = Self.line(TRF7970ACommand.Banner.inventory) + Self.line("")
        #expect(m.bytesReceived(banner, at: .ms(460)).readUntil == .ms(500))
        #expect(m.deadlinePassed(at: .ms(500)).failure?.kind == .timeout)
    }
}
