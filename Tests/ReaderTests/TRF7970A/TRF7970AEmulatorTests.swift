import ReaderCore
import ReaderEmulation
import ReaderProtocols
import Testing

/// The emulator answers as the EVM firmware prints, byte for byte.
@Suite("TRF7970A emulator")
struct TRF7970AEmulatorTests {
    static let a = TagUID(hex: "E004010046707A28")!
    /// Same lowest nibble on the air as `a` (0x28 -> slot 8), so the two collide in slot 8.
    static let b = TagUID(hex: "E004015000000018")!
    static let c = TagUID(hex: "E004010012345673")!

    func send(_ emulator: inout TRF7970AEmulator, _ frame: TRF7970AFrame, _ field: TagField) -> String {
        emulator.receive(frame.encoded(), field: field).map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test("initialise, register write, AGC and AM/PM print the firmware's lines")
    func setUp() {
        var e = TRF7970AEmulator()
        let field = TagField()
        #expect(send(&e, TRF7970ACommand.initialiseFrame(), field) == "TRF7970A EVM \r\n\r\n")
        #expect(send(&e, TRF7970ACommand.selectISO15693(highDataRate: false), field) == "Register write request.\r\n\r\n")
        #expect(send(&e, TRF7970ACommand.agcFrame(), field) == "AGC Toggle\r\n")
        #expect(send(&e, TRF7970ACommand.amInput(), field) == "AM PM Toggle\r\n")
        #expect(send(&e, TRF7970AFrame(command: 0x77), field) == "\r\n")
    }

    @Test("with the RF field off no tag answers")
    func rfOff() {
        var e = TRF7970AEmulator()
        let field = TagField([EmulatedTag(uid: Self.a)])
        let request = TRF7970ACommand.request(ISO15693Request.frame(.getSystemInformation, uid: Self.a, dataRate: 0))
        #expect(send(&e, request, field) == "Request mode.\r\n[]\r\n")
    }

    @Test("request mode prints the tag's answer in hex, [z] for a collision, [] for silence")
    func requestMode() {
        var e = TRF7970AEmulator()
        let field = TagField([EmulatedTag(uid: Self.a, dsfid: 0x06, afi: 0x07, blockCount: 28, memory: [1, 2, 3, 4])])
        _ = send(&e, TRF7970ACommand.selectISO15693(highDataRate: false), field)
        let read = ISO15693Request.readMultiple(uid: Self.a, first: 0, count: 1, dataRate: 0)
        #expect(send(&e, TRF7970ACommand.request(read), field) == "Request mode.\r\n[0001020304]\r\n")
        let info = ISO15693Request.frame(.getSystemInformation, uid: Self.a, dataRate: 0)
        #expect(send(&e, TRF7970ACommand.request(info), field) == "Request mode.\r\n[000F287A7046000104E006071B0301]\r\n")
        field.insert(EmulatedTag(uid: Self.b))
        let everyone = ISO15693Request.frame(.getSystemInformation, uid: nil, dataRate: 0)
        #expect(send(&e, TRF7970ACommand.request(everyone), field) == "Request mode.\r\n[z]\r\n")
        let absent = ISO15693Request.frame(.getSystemInformation, uid: Self.c, dataRate: 0)
        #expect(send(&e, TRF7970ACommand.request(absent), field) == "Request mode.\r\n[]\r\n")
    }

    @Test("inventory prints lone slots first, then resolves collided slots with a longer mask")
    func anticollisionOrder() {
        var e = TRF7970AEmulator(rssi: 0x4E)
        let field = TagField([EmulatedTag(uid: Self.a), EmulatedTag(uid: Self.b), EmulatedTag(uid: Self.c)])
        _ = send(&e, TRF7970ACommand.selectISO15693(highDataRate: false), field)
        let out = send(&e, TRF7970ACommand.inventory(ISO15693Request.inventory(afi: nil, oneSlot: false, dataRate: 0)), field)
        // c sits alone in slot 3; a (…28) and b (…18) share slot 8 and part at the next nibble.
        #expect(out == "ISO 15693 Inventory request.\r\n\r\n[73563412000104E0,4E]\r\n[18000000500104E0,4E]\r\n[287A7046000104E0,4E]\r\n")
    }

    @Test("one-slot inventory prints a lone tag and nothing when two answer")
    func oneSlot() {
        var e = TRF7970AEmulator()
        let field = TagField([EmulatedTag(uid: Self.a, afi: 0x07), EmulatedTag(uid: Self.b, afi: 0xC2)])
        _ = send(&e, TRF7970ACommand.selectISO15693(highDataRate: false), field)
        let both = ISO15693Request.inventory(afi: nil, oneSlot: true, dataRate: 0)
        #expect(send(&e, TRF7970ACommand.inventory(both), field) == "ISO 15693 Inventory request.\r\n\r\n")
        let secured = ISO15693Request.inventory(afi: 0x07, oneSlot: true, dataRate: 0)
        #expect(send(&e, TRF7970ACommand.inventory(secured), field) == "ISO 15693 Inventory request.\r\n\r\n[287A7046000104E0,4E]\r\n")
    }

    @Test("a frame split at every byte boundary is answered once, identically")
    func splitRequests() {
        let frame = TRF7970ACommand.initialiseFrame().encoded()
        for split in 0...frame.count {
            var e = TRF7970AEmulator()
            let replies = e.receive(Array(frame[..<split]), field: TagField()) + e.receive(Array(frame[split...]), field: TagField())
            #expect(replies == [Array("TRF7970A EVM \r\n\r\n".utf8)], "split at \(split)")
        }
    }
}
