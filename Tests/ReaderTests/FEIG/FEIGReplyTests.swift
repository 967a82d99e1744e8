import ReaderCore
import ReaderProtocols
import Testing

@Suite("FEIG reply and status decoding")
struct FEIGReplyTests {
    @Test("the 0x83 inventory reply still yields its three tags")
    func inventory83() throws {
        var assembler = FrameAssembler<FEIGScanner>()
        let frame = try #require(frames(assembler.push(FEIGFrameTests.inventoryReply83)).first)
        let reply = try FEIGReply(frame: frame, operation: "inventory")
        #expect(reply.status == .rfCommunicationError)
        try reply.check("inventory", tolerating: [.rfCommunicationError, .moreData])
        let items = try FEIGParse.inventory(reply.data)
        #expect(items.map(\.uid.description) == ["E00401503309CE74", "E004010046707A28", "E007000012345678"])
        #expect(items.map(\.dsfid) == [0x00, 0x00, 0x01])
    }

    @Test(
        "each status byte decodes and maps to its error kind",
        arguments: [
            (UInt8(0x00), FEIGStatus.ok, ReaderError.Kind?.none),
            (0x01, .noTransponder, .noTag),
            (0x83, .rfCommunicationError, .deviceStatus),
            (0x84, .rfWarning, .deviceStatus),
            (0x94, .moreData, .deviceStatus),
            (0x95, .isoError, .deviceStatus),
            (0x80, .other(0x80), .deviceStatus),
        ])
    func statuses(byte: UInt8, status: FEIGStatus, kind: ReaderError.Kind?) {
        #expect(FEIGStatus(byte) == status)
        #expect(status.byte == byte)
        let reply = FEIGReply(command: 0xB0, status: status, data: [0x12])
        do {
            try reply.check("op")
            #expect(kind == nil)
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test("ISO error 0x95 carries the tag's error code as the status")
    func isoErrorCode() {
        let reply = FEIGReply(command: 0xB0, status: .isoError, data: [0x12])
        #expect(throws: ReaderError(.deviceStatus, operation: "write", "the tag refused the request (ISO error 0x12)", status: 0x12)) {
            try reply.check("write")
        }
    }

    @Test("short reply data is a protocol violation naming the sizes")
    func shortData() {
        #expect(throws: ReaderError.self) { try FEIGParse.inventory([0x02, 0x03, 0x00]) }
        #expect(throws: ReaderError.self) { try FEIGParse.systemInformation([0x00]) }
        #expect(throws: ReaderError.self) { try FEIGParse.blocks([0x02, 0x04, 0x00]) }
        #expect(throws: ReaderError.self) { try FEIGReply(frame: FEIGFrame(payload: [0x65]), operation: "version") }
    }
}

/// FEIG replies name only the command byte (`B0` for every ISO Host command), so the data
/// length is what tells a late reply to one command from the reply to the next.
@Suite("FEIG reply shapes")
struct FEIGReplyShapeTests {
    static let uid = TagUID(hex: "E004010046707A28")!
    static let systemInformationReply: [UInt8] = [0xB0, 0x00, 0x06] + uid.bytes + [0x07, 0x03, 0x1B, 0x01]
    static let inventoryReply: [UInt8] = [0xB0, 0x00, 0x01, 0x03, 0x06] + uid.bytes

    @Test("the field report: a system-information reply is not a read-blocks reply, nor an inventory")
    func systemInformationIsNotARead() {
        let read = FEIGCommand.readMultiple(uid: Self.uid, first: 0, count: 28)
        #expect(!FEIGReplyShape.fits(request: read, reply: Self.systemInformationReply))
        #expect(!FEIGReplyShape.fits(request: FEIGCommand.inventory(afi: nil), reply: Self.systemInformationReply))
        #expect(FEIGReplyShape.fits(request: FEIGCommand.addressed(.systemInformation, Self.uid), reply: Self.systemInformationReply))
    }

    @Test("an inventory reply is not system information; a read must list the blocks asked for")
    func inventoryAndRead() {
        #expect(!FEIGReplyShape.fits(request: FEIGCommand.addressed(.systemInformation, Self.uid), reply: Self.inventoryReply))
        #expect(FEIGReplyShape.fits(request: FEIGCommand.inventory(afi: nil), reply: Self.inventoryReply))
        let read2 = FEIGCommand.readMultiple(uid: Self.uid, first: 0, count: 2)
        let twoBlocks: [UInt8] = [0xB0, 0x00, 0x02, 0x04, 0x00, 1, 2, 3, 4, 0x00, 5, 6, 7, 8]
        #expect(FEIGReplyShape.fits(request: read2, reply: twoBlocks))
        #expect(!FEIGReplyShape.fits(request: FEIGCommand.readMultiple(uid: Self.uid, first: 0, count: 3), reply: twoBlocks))
    }

    @Test("an OK write reply carries no data; errors fit anything with the same command byte")
    func writesAndErrors() {
        let write = FEIGCommand.addressed(.writeAFI, Self.uid, [0x07])
        #expect(FEIGReplyShape.fits(request: write, reply: [0xB0, 0x00]))
        #expect(!FEIGReplyShape.fits(request: write, reply: Self.systemInformationReply))
        #expect(FEIGReplyShape.fits(request: write, reply: [0xB0, 0x95, 0x12]))
        #expect(FEIGReplyShape.fits(request: write, reply: [0xB0, 0x01]))
        #expect(!FEIGReplyShape.fits(request: write, reply: [0x65, 0x00]))
        #expect(!FEIGReplyShape.fits(request: [FEIGCommand.softwareVersion], reply: [0x65, 0x00, 0x03]))
    }
}
