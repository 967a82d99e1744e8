import ReaderCore
import ReaderDrivers
import ReaderProtocols
import ReaderTransport
import Testing

/// The frame exchange driven by hand: no transport, no clock, no sleep. Each input carries the
/// time it happened (an offset from the start of the exchange); each output is the action the
/// driver loop would perform. FEIG frames stand for any checksummed framing.
@Suite("Frame exchange state machine")
struct FrameExchangeMachineTests {
    typealias Machine = FrameExchangeMachine<FEIGScanner>

    static let request = FEIGFrame(payload: [0xB0, 0x01, 0x00]).encoded()
    /// An answer to the request, and another the request does not accept (a late reply of another shape).
    static let reply = FEIGFrame(address: 0, payload: [0xB0, 0x00, 0x01]).encoded()
    static let otherShape = FEIGFrame(address: 0, payload: [0xB0, 0x00]).encoded()
    /// A reply with a wrong CRC. Its bytes after the first could start another frame (0xB0 is
    /// a plausible length), so the assembler keeps them pending.
    static var corrupted: [UInt8] {
        var bytes = reply
        bytes[bytes.count - 1] ^= 0x5A
        return bytes
    }
    /// A reply with a wrong CRC none of whose later bytes can start a frame: all of it is used.
    static let corruptedWhole: [UInt8] = Array(FEIGFrame(address: 0, payload: [0x01, 0x00, 0x01]).encoded().dropLast(2)) + [0, 0]

    static func machine(attempts: Int = 3, owed: Int = 0, settle: Duration? = nil) -> Machine {
        var ledger = ReplyLedger<Void>()
        for _ in 0..<owed { ledger.sent() }
        return Machine(
            request: request, policy: RetryPolicy(attempts: attempts, timeout: .ms(800), settle: settle), ledger: ledger,
            operation: "inventory", accept: { $0.payload.count == 3 })
    }

    /// Start with nothing owed, flush, write: returns the read the request's attempt waits on.
    static func sent(_ m: inout Machine, at t: Duration = .zero) -> ExchangeAction<FEIGFrame> {
        #expect(m.start(at: t).isFlush)
        let write = m.flushed(at: t).write
        #expect(write?.bytes == request && write?.deadline == t + .ms(800))
        return m.written(at: t)
    }

    @Test("a reply in one chunk is delivered, and pays the request it answers")
    func replyDelivered() {
        var m = Self.machine()
        #expect(Self.sent(&m).readUntil == .ms(800))
        #expect(m.ledger.count == 1)
        #expect(m.bytesReceived(Self.reply, at: .ms(30)).delivered?.payload == [0xB0, 0x00, 0x01])
        #expect(m.ledger.count == 0)
    }

    @Test("the deadline runs from the write, not from the start: a slow drain does not shorten the attempt")
    func deadlineFromTheWrite() {
        var m = Self.machine(owed: 1)
        #expect(m.start(at: .zero).readUntil == .ms(1600))
        #expect(m.deadlinePassed(at: .ms(1600)).isFlush)
        #expect(m.flushed(at: .ms(1601)).write?.deadline == .ms(2401))
        #expect(m.written(at: .ms(1602)).readUntil == .ms(2401))
        // Bytes that are not yet a frame keep the same deadline.
        #expect(m.bytesReceived(Array(Self.reply.prefix(2)), at: .ms(2000)).readUntil == .ms(2401))
    }

    @Test("silence is retried after a flush, each attempt with its own deadline; then a typed timeout")
    func retryThenTimeout() {
        var m = Self.machine(attempts: 3)
        _ = Self.sent(&m)
        for attempt in 2...3 {
            let t = Duration.ms(800 * (attempt - 1))
            #expect(m.deadlinePassed(at: t).isFlush, "attempt \(attempt) starts with a flush")
            #expect(m.attempt == attempt)
            #expect(m.flushed(at: t).write?.deadline == t + .ms(800))
            #expect(m.written(at: t).readUntil == t + .ms(800))
        }
        let error = m.deadlinePassed(at: .ms(2400)).failure
        #expect(error == ReaderError(.timeout, operation: "inventory", "no reply after 3 attempts of 0.8 seconds each"))
        // Every attempt went out and none was answered: three replies are owed.
        #expect(m.ledger.count == 3)
    }

    @Test("a late reply to an earlier attempt of the same request is a valid answer")
    func lateReplyToAnEarlierAttempt() {
        var m = Self.machine(attempts: 2)
        _ = Self.sent(&m)
        #expect(m.deadlinePassed(at: .ms(800)).isFlush)
        _ = m.flushed(at: .ms(800))
        _ = m.written(at: .ms(800))
        #expect(m.bytesReceived(Self.reply, at: .ms(900)).delivered != nil)
        // The other attempt's reply is still owed.
        #expect(m.ledger.count == 1)
    }

    @Test("a late reply of another shape is skipped, and the request's own reply taken after it")
    func lateReplyOfAnotherShapeSkipped() {
        var m = Self.machine()
        _ = Self.sent(&m)
        #expect(m.bytesReceived(Self.otherShape, at: .ms(10)).readUntil == .ms(800))
        #expect(m.bytesReceived(Self.reply, at: .ms(20)).delivered?.payload == [0xB0, 0x00, 0x01])
    }

    @Test("owed replies are drained before the request: each restarts the settle window, then flush and send")
    func staleRepliesDrainedFirst() {
        var m = Self.machine(owed: 2, settle: .ms(1000))
        #expect(m.start(at: .zero).readUntil == .ms(1000))
        // The first owed reply comes at 0.7 s: the window restarts from there.
        #expect(m.bytesReceived(Self.otherShape, at: .ms(700)).readUntil == .ms(1700))
        #expect(m.ledger.count == 1)
        // The second, split across two chunks; only the whole frame counts.
        #expect(m.bytesReceived(Array(Self.reply.prefix(3)), at: .ms(1500)).readUntil == .ms(1700))
        #expect(m.bytesReceived(Array(Self.reply.dropFirst(3)), at: .ms(1600)).isFlush)
        #expect(m.ledger.count == 0)
        // Only now does the request go out; the reply to it is the one taken.
        #expect(m.flushed(at: .ms(1600)).write?.deadline == .ms(2400))
        _ = m.written(at: .ms(1600))
        #expect(m.bytesReceived(Self.reply, at: .ms(1650)).delivered != nil)
    }

    @Test("owed replies that do not come within the settle window are given up")
    func staleRepliesGivenUp() {
        var m = Self.machine(owed: 2, settle: .ms(1000))
        _ = m.start(at: .zero)
        #expect(m.deadlinePassed(at: .ms(1000)).isFlush)
        #expect(m.ledger.count == 0)
        #expect(m.flushed(at: .ms(1000)).write != nil)
    }

    @Test("a garbled owed reply is not counted: the drain waits on (too long is safe, too short is not)")
    func garbledOwedReplyNotCounted() {
        var m = Self.machine(owed: 1, settle: .ms(1000))
        _ = m.start(at: .zero)
        #expect(m.bytesReceived(Self.corrupted, at: .ms(500)).readUntil == .ms(1000))
        #expect(m.ledger.count == 1)
    }

    @Test("a frame split across chunks is delivered when its last byte arrives, garbage before it skipped")
    func partialFrameAssembled() {
        var m = Self.machine()
        _ = Self.sent(&m)
        let bytes = [0x00, 0x01] + Self.reply
        for (i, byte) in bytes.dropLast().enumerated() {
            #expect(m.bytesReceived([byte], at: .ms(10 + i)).readUntil == .ms(800))
        }
        #expect(m.bytesReceived([bytes.last!], at: .ms(100)).delivered?.payload == [0xB0, 0x00, 0x01])
    }

    @Test("a frame that stops short, then silence, is a timeout naming the bytes received")
    func partialFrameThenSilence() {
        var m = Self.machine(attempts: 1)
        _ = Self.sent(&m)
        #expect(m.bytesReceived(Array(Self.reply.prefix(4)), at: .ms(50)).readUntil == .ms(800))
        #expect(
            m.deadlinePassed(at: .ms(800)).failure
                == ReaderError(.timeout, operation: "inventory", "reply stopped after 4 bytes after 1 attempt of 0.8 seconds"))
    }

    @Test("a checksum error ends the attempt at once (retried after a flush); the last one is a protocol violation")
    func checksumError() {
        var m = Self.machine(attempts: 2)
        _ = Self.sent(&m)
        #expect(FEIGFrame(address: 0, payload: [0x01, 0x00, 0x01]).encoded().suffix(2) != [0, 0])
        #expect(m.bytesReceived(Self.corruptedWhole, at: .ms(40)).isFlush)
        #expect(m.attempt == 2)
        _ = m.flushed(at: .ms(41))
        _ = m.written(at: .ms(41))
        #expect(
            m.bytesReceived(Self.corruptedWhole, at: .ms(80)).failure
                == ReaderError(.protocolViolation, operation: "inventory", "reply had a bad CRC after 2 attempts of 0.8 seconds each"))
    }

    @Test("a checksum error with bytes still pending waits for them; silence then is still a checksum failure")
    func checksumErrorThenSilence() {
        var m = Self.machine(attempts: 1)
        _ = Self.sent(&m)
        #expect(m.bytesReceived(Self.corrupted + Array(Self.reply.prefix(2)), at: .ms(40)).readUntil == .ms(800))
        #expect(m.deadlinePassed(at: .ms(800)).failure?.kind == .protocolViolation)
    }

    @Test("a device that went away forgets the owed replies; other failures keep them")
    func disconnectForgetsOwedReplies() {
        var gone = Self.machine(owed: 2)
        _ = gone.start(at: .zero)
        let error = gone.transportFailed(TransportError(.disconnected, endpoint: "/dev/ttyUSB0", "hung up")).failure
        #expect(error == ReaderError(.disconnected, operation: "inventory", "/dev/ttyUSB0 went away"))
        #expect(gone.ledger.count == 0)

        var cancelled = Self.machine()
        _ = Self.sent(&cancelled)
        #expect(cancelled.transportFailed(TransportError(.cancelled, endpoint: "/dev/ttyUSB0", "cancelled")).failure?.kind == .cancelled)
        // The request went out: its reply may still come, and the next request will wait for it.
        #expect(cancelled.ledger.count == 1)
    }
}
