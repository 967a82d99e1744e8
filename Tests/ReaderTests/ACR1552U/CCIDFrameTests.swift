import ReaderCore
import ReaderProtocols
import Testing

/// CCID framing and the PC/SC transparent session, with the worked APDUs from
/// reference/reader-protocols.md, "PC/SC readers over CCID".
@Suite("CCID messages and PC/SC transparent session")
struct CCIDFrameTests {
    @Test("the reference's transparent-session APDUs encode byte for byte")
    func workedAPDUs() {
        #expect(TransparentSession.startSession == [0xFF, 0xC2, 0x00, 0x00, 0x02, 0x81, 0x00, 0x00])
        #expect(TransparentSession.switchToISO15693 == [0xFF, 0xC2, 0x00, 0x02, 0x04, 0x8F, 0x02, 0x02, 0x03])
        #expect(TransparentSession.exchange([0x02, 0x2B]) == [0xFF, 0xC2, 0x00, 0x01, 0x04, 0x95, 0x02, 0x02, 0x2B, 0x00])
        #expect(TransparentSession.endSession == [0xFF, 0xC2, 0x00, 0x00, 0x02, 0x82, 0x00, 0x00])
        #expect(TransparentSession.timer(microseconds: 1_000_000).encoded() == [0x5F, 0x46, 0x04, 0x40, 0x42, 0x0F, 0x00])
    }

    @Test("an XfrBlock carries its APDU after a 10-byte header with little-endian length, slot and sequence")
    func xfrBlockHeader() {
        let m = CCIDMessage(kind: .xfrBlock, slot: 0, sequence: 7, data: TransparentSession.startSession)
        #expect(m.encoded() == [0x6F, 0x08, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00] + TransparentSession.startSession)
        #expect(CCIDMessage(kind: .iccPowerOn, sequence: 0).encoded() == [0x62, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(CCIDMessage(kind: .getSlotStatus, sequence: 1).encoded() == [0x65, 0, 0, 0, 0, 0, 1, 0, 0, 0])
    }

    @Test("bStatus splits into card state and command status; bError is named")
    func slotStatus() {
        let absent = CCIDSlotStatus(status: 0x42, error: 0xFE)
        #expect(absent.card == .absent && absent.command == .failed)
        #expect(absent.errorSummary == "no tag answered (ICC mute)")
        #expect(CCIDSlotStatus(card: .presentInactive, command: .ok).status == 0x01)
        #expect(CCIDSlotStatus(status: 0x80, error: 0).command == .timeExtension)
    }

    @Test("replies split at every byte boundary decode the same; garbage before them is skipped")
    func splitAnywhere() {
        let replies = [
            CCIDMessage(kind: .dataBlock, sequence: 3, specific: (0, 0, 0), data: [0xC0, 0x03, 0x00, 0x90, 0x00, 0x90, 0x00]),
            CCIDMessage(kind: .slotStatus, sequence: 4, specific: (0x02, 0, 0)),
        ]
        let stream: [UInt8] = [0x00, 0x13] + replies.flatMap { $0.encoded() }
        for split in 0...stream.count {
            var assembler = FrameAssembler<CCIDScanner>()
            let decoded = (assembler.push(stream[..<split]) + assembler.push(stream[split...]))
                .compactMap { if case .frame(let m) = $0 { m } else { nil } }
            #expect(decoded == replies, "split at \(split)")
        }
    }

    @Test("an impossible length is not taken for a frame")
    func hugeLength() {
        #expect({ if case .notAFrame = CCIDScanner.scan([0x80, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0][...]) { true } else { false } }())
    }

    @Test("status words decode to typed errors")
    func statusWords() {
        #expect(APDUStatus.ok.error(operation: "x") == nil)
        #expect(APDUStatus.failed.error(operation: "x")?.kind == .deviceStatus)
        #expect(APDUStatus.functionNotSupported.error(operation: "x")?.kind == .unsupported)
        #expect(APDUStatus.noResponse.error(operation: "x")?.kind == .noTag)
        #expect(APDUStatus.wrongLength.error(operation: "x")?.description == "x: reader answered 67 00: wrong length (status 0x00)")
    }

    @Test("a transparent-exchange reply splits into generic error, framing, status and the tag's answer")
    func exchangeReply() throws {
        let bytes: [UInt8] = [0xC0, 0x03, 0x00, 0x90, 0x00, 0x92, 0x01, 0x00, 0x96, 0x02, 0x00, 0x00, 0x97, 0x02, 0x00, 0x07, 0x90, 0x00]
        let reply = try TransparentSession.parse(bytes, operation: "exchange")
        #expect(reply.status == .ok)
        #expect(reply.genericError?.status == .ok)
        #expect(reply.first(TransparentSession.Tag.iccResponse)?.value == [0x00, 0x07])
        #expect(reply.encoded() == bytes)
    }

    @Test("malformed data objects name the byte offset where they break")
    func malformedTLV() {
        #expect(throws: ReaderError(.protocolViolation, operation: "x", "response data object at byte 2: value of 5 bytes but only 1 remain")) {
            try TransparentSession.parse([0xC0, 0x00, 0x97, 0x05, 0xAA, 0x90, 0x00], operation: "x")
        }
        #expect(throws: ReaderError(.protocolViolation, operation: "x", "response APDU of 1 bytes has no status word")) {
            try TransparentSession.parse([0x90], operation: "x")
        }
        #expect(throws: ReaderError.self) { try TransparentSession.parse([0x5F, 0x90, 0x00], operation: "x") }
    }

    @Test("long lengths (81 xx) round-trip")
    func longLength() throws {
        let tlv = TLV(0x97, [UInt8](repeating: 0xAB, count: 200))
        #expect(Array(tlv.encoded().prefix(3)) == [0x97, 0x81, 200])
        #expect(try TLV.parseAll(tlv.encoded()[...], operation: "x") == [tlv])
    }
}
