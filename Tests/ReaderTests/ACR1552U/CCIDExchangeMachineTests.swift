import ReaderCore
@testable import ReaderDrivers
import ReaderProtocols
import ReaderTransport
import Testing

/// The CCID exchange driven by hand: no USB, no clock, no sleep.
@Suite("CCID exchange state machine")
struct CCIDExchangeMachineTests {
    static let request = CCIDMessage(kind: .xfrBlock, sequence: 0, data: [0xFF, 0xC2, 0x00, 0x00, 0x00])

    static func reply(_ sequence: UInt8, _ command: CCIDSlotStatus.Command = .ok) -> [UInt8] {
        let status = CCIDSlotStatus(card: .presentActive, command: command).status
        return CCIDMessage(kind: .dataBlock, sequence: sequence, specific: (status, 0, 0), data: [0x90, 0x00]).encoded()
    }

    static func machine(attempts: Int = 2, sequence: UInt8 = 7) -> CCIDExchangeMachine {
        CCIDExchangeMachine(
            request: request, sequence: sequence, policy: RetryPolicy(attempts: attempts, timeout: .ms(500)), operation: "exchange")
    }

    @Test("the message goes out with the next sequence number, and its own reply is delivered")
    func replyDelivered() {
        var m = Self.machine()
        let write = m.start(at: .zero).write
        #expect(write?.bytes[6] == 7 && write?.deadline == .ms(500))
        #expect(m.written(at: .ms(1)).readUntil == .ms(500))
        // A late reply to an abandoned sequence number is skipped; the reply split in two is taken.
        let own = Self.reply(7)
        #expect(m.bytesReceived(Self.reply(6) + own.prefix(4), at: .ms(10)).readUntil == .ms(500))
        #expect(m.bytesReceived(Array(own.dropFirst(4)), at: .ms(20)).delivered?.sequence == 7)
        #expect(m.nextSequence == 8)
    }

    @Test("silence is retried with a fresh sequence number, whose late predecessor's reply then does not match")
    func retryWithAFreshSequence() {
        var m = Self.machine(attempts: 2)
        _ = m.start(at: .zero)
        _ = m.written(at: .zero)
        let second = m.deadlinePassed(at: .ms(500)).write
        #expect(second?.bytes[6] == 8 && second?.deadline == .ms(1000))
        _ = m.written(at: .ms(500))
        #expect(m.bytesReceived(Self.reply(7), at: .ms(600)).readUntil == .ms(1000))
        #expect(
            m.deadlinePassed(at: .ms(1000)).failure
                == ReaderError(.timeout, operation: "exchange", "no reply to CCID message 0x6F after 2 attempts of 0.5 seconds each"))
        #expect(m.nextSequence == 9, "numbers used by abandoned attempts stay used")
    }

    @Test("a time extension restarts the deadline, at most eight times")
    func timeExtensions() {
        var m = Self.machine()
        _ = m.start(at: .zero)
        _ = m.written(at: .zero)
        for i in 1...8 {
            #expect(m.bytesReceived(Self.reply(7, .timeExtension), at: .ms(100 * i)).readUntil == .ms(100 * i + 500))
        }
        // The ninth is taken as the reply: the wait is bounded.
        #expect(m.bytesReceived(Self.reply(7, .timeExtension), at: .ms(900)).delivered?.status.command == .timeExtension)
    }

    @Test("a device that went away fails at once, without retrying")
    func disconnect() {
        var m = Self.machine()
        _ = m.start(at: .zero)
        #expect(m.transportFailed(TransportError(.disconnected, endpoint: "usb 072f:2308", "gone")).failure?.kind == .disconnected)
    }
}
