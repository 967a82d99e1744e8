import ReaderCore
import ReaderEmulation
import ReaderProtocols
import Testing

/// The emulator's CCID replies, byte for byte.
@Suite("ACR1552U emulator")
struct ACR1552UEmulatorTests {
    static let uid = TagUID(hex: "E004010046707A28")!

    func send(_ e: inout ACR1552UEmulator, _ m: CCIDMessage, _ field: TagField) -> [UInt8] {
        e.receive(m.encoded(), field: field).flatMap { $0 }
    }

    @Test("power on without a tag fails with card absent and ICC mute")
    func noTag() {
        var e = ACR1552UEmulator()
        #expect(send(&e, CCIDMessage(kind: .iccPowerOn, sequence: 5), TagField()) == [0x80, 0, 0, 0, 0, 0, 5, 0x42, 0xFE, 0])
        #expect(send(&e, CCIDMessage(kind: .getSlotStatus, sequence: 6), TagField()) == [0x81, 0, 0, 0, 0, 0, 6, 0x02, 0, 0])
    }

    @Test("power on with a tag answers the PC/SC part 3 ATR for ISO 15693")
    func atr() {
        var e = ACR1552UEmulator()
        let reply = send(&e, CCIDMessage(kind: .iccPowerOn, sequence: 1), TagField([EmulatedTag(uid: Self.uid)]))
        #expect(Array(reply.prefix(10)) == [0x80, 20, 0, 0, 0, 0, 1, 0x00, 0, 0])
        #expect(Array(reply.dropFirst(10)) == ACR1552UEmulator.atr)
        #expect(ACR1552UEmulator.atr.dropFirst().reduce(0, ^) == 0)  // TCK makes T0...TCK XOR to zero
    }

    @Test("an exchange before the session is opened is refused with 69 86")
    func noSession() {
        var e = ACR1552UEmulator()
        let field = TagField([EmulatedTag(uid: Self.uid)])
        _ = send(&e, CCIDMessage(kind: .iccPowerOn, sequence: 0), field)
        let reply = send(&e, CCIDMessage(kind: .xfrBlock, sequence: 1, data: TransparentSession.exchange([0x02, 0x2B])), field)
        #expect(reply == [0x80, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0x69, 0x86])
    }

    @Test("the reference's get-system-information exchange is answered with C0/92/96/97 objects")
    func exchange() {
        var e = ACR1552UEmulator()
        let field = TagField([EmulatedTag(uid: Self.uid, dsfid: 0x06, afi: 0x07)])
        _ = send(&e, CCIDMessage(kind: .iccPowerOn, sequence: 0), field)
        #expect(send(&e, CCIDMessage(kind: .xfrBlock, sequence: 1, data: TransparentSession.startSession), field).dropFirst(10)
            == [0xC0, 0x03, 0x00, 0x90, 0x00, 0x90, 0x00])
        _ = send(&e, CCIDMessage(kind: .xfrBlock, sequence: 2, data: TransparentSession.switchToISO15693), field)
        let reply = send(&e, CCIDMessage(kind: .xfrBlock, sequence: 3, data: TransparentSession.exchange([0x02, 0x2B])), field)
        let info: [UInt8] = [0x00, 0x0F, 0x28, 0x7A, 0x70, 0x46, 0x00, 0x01, 0x04, 0xE0, 0x06, 0x07, 0x1B, 0x03, 0x01]
        #expect(Array(reply.dropFirst(10)) == [0xC0, 0x03, 0x00, 0x90, 0x00, 0x92, 0x01, 0x00, 0x96, 0x02, 0x00, 0x00, 0x97, 15] + info + [0x90, 0x00])
    }

    @Test("silence is C0 03 <object> 64 01; a write without the timer object reports it too but is done")
    func timeoutAndWriteQuirk() {
        var e = ACR1552UEmulator()
        let field = TagField([EmulatedTag(uid: Self.uid)])
        for (i, apdu) in [TransparentSession.startSession, TransparentSession.switchToISO15693].enumerated() {
            _ = send(&e, CCIDMessage(kind: .iccPowerOn, sequence: 0), field)
            _ = send(&e, CCIDMessage(kind: .xfrBlock, sequence: UInt8(i + 1), data: apdu), field)
        }
        let absent = ISO15693Request.frame(.getSystemInformation, uid: TagUID(hex: "E004010000000001")!, dataRate: 2)
        #expect(send(&e, CCIDMessage(kind: .xfrBlock, sequence: 4, data: TransparentSession.exchange(absent)), field).dropFirst(10)
            == [0xC0, 0x03, 0x01, 0x64, 0x01, 0x90, 0x00])
        let write = ISO15693Request.frame(.writeAFI, uid: Self.uid, parameters: [0x07], dataRate: 2)
        #expect(send(&e, CCIDMessage(kind: .xfrBlock, sequence: 5, data: TransparentSession.exchange(write)), field).dropFirst(10)
            == [0xC0, 0x03, 0x01, 0x64, 0x01, 0x90, 0x00])
        #expect(field.tags.first?.afi == 0x07)
        let timed = send(&e, CCIDMessage(kind: .xfrBlock, sequence: 6, data: TransparentSession.exchange(write, timerMicroseconds: 1_000_000)), field)
        #expect(Array(timed.dropFirst(10).prefix(5)) == [0xC0, 0x03, 0x00, 0x90, 0x00])
    }

    @Test("a message for another slot fails with bError 05; the sequence number is echoed")
    func badSlot() {
        var e = ACR1552UEmulator()
        #expect(send(&e, CCIDMessage(kind: .getSlotStatus, slot: 1, sequence: 9), TagField()) == [0x81, 0, 0, 0, 0, 1, 9, 0x42, 0x05, 0])
    }
}
