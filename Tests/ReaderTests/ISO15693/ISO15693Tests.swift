import ReaderCore
import ReaderProtocols
import Testing

/// Raw ISO 15693 requests and answers, with the air frames from reference/reader-protocols.md,
/// "ISO 15693 on the air".
@Suite("ISO 15693 requests and responses")
struct ISO15693Tests {
    @Test("requests plus the air CRC give the reference's worked air frames")
    func workedAirFrames() {
        let inventory = ISO15693Request.inventory(afi: nil, oneSlot: true, dataRate: ISO15693Request.Flag.highDataRate)
        #expect(CRC16.appendingISO15693(inventory) == [0x26, 0x01, 0x00, 0xF6, 0x0A])
        let uid = TagUID(hex: "E0040150B902C691")!
        let read = ISO15693Request.frame(.readSingleBlock, uid: uid, parameters: [0x08], dataRate: ISO15693Request.Flag.highDataRate)
        #expect(CRC16.appendingISO15693(read) == [0x22, 0x20, 0x91, 0xC6, 0x02, 0xB9, 0x50, 0x01, 0x04, 0xE0, 0x08, 0x06, 0x90])
    }

    @Test("AFI inventory sets the AFI flag; masks go least significant byte first; counts are minus one")
    func requestLayouts() {
        #expect(ISO15693Request.inventory(afi: 0x07, oneSlot: true, dataRate: 2) == [0x36, 0x01, 0x07, 0x00])
        #expect(ISO15693Request.inventory(afi: nil, maskBits: 12, mask: 0xA28, oneSlot: true, dataRate: 2) == [0x26, 0x01, 12, 0x28, 0x0A])
        let uid = TagUID(hex: "E004010046707A28")!
        #expect(ISO15693Request.readMultiple(uid: uid, first: 4, count: 8, dataRate: 0) == [0x20, 0x23] + uid.leastSignificantFirst + [4, 7])
        #expect(ISO15693Request.frame(.nxpSetEAS, uid: uid, dataRate: 2) == [0x22, 0xA2, 0x04] + uid.leastSignificantFirst)
        #expect(ISO15693Request.frame(.nxpEASAlarm, uid: nil, dataRate: 2) == [0x02, 0xA5, 0x04])
    }

    @Test("the error flag becomes a typed error carrying the tag's code")
    func tagErrors() {
        #expect(throws: ReaderError(.deviceStatus, operation: "x", "block or register is locked", status: 0x12)) {
            try ISO15693Response.payload([0x01, 0x12], operation: "x")
        }
        #expect(throws: ReaderError(.unsupported, operation: "x", "command not supported by the tag", status: 0x01)) {
            try ISO15693Response.payload([0x01, 0x01], operation: "x")
        }
        #expect(throws: ReaderError(.protocolViolation, operation: "x", "tag set the error flag but sent no error code")) {
            try ISO15693Response.payload([0x01], operation: "x")
        }
        #expect(throws: ReaderError.self) { try ISO15693Response.payload([], operation: "x") }
    }

    @Test("system information honours the info flags and names the field that is cut short")
    func systemInformation() throws {
        let uidBytes: [UInt8] = [0x28, 0x7A, 0x70, 0x46, 0x00, 0x01, 0x04, 0xE0]
        let full = try ISO15693Response.systemInformation([0x00, 0x0F] + uidBytes + [0x06, 0x07, 0x1B, 0x03, 0x01])
        #expect(full == TagSystemInfo(uid: TagUID(hex: "E004010046707A28")!, dsfid: 0x06, afi: 0x07, blockSize: 4, blockCount: 28, icReference: 0x01))
        let noAFI = try ISO15693Response.systemInformation([0x00, 0x05] + uidBytes + [0x06, 0x07, 0x03])
        #expect(noAFI.afi == nil && noAFI.blockCount == 8)
        #expect(throws: ReaderError(.protocolViolation, operation: "system information", "response ends before the memory size field (byte offset 12 of the answer)")) {
            try ISO15693Response.systemInformation([0x00, 0x0F] + uidBytes + [0x06, 0x07, 0x1B])
        }
    }

    @Test("inventory answers carry DSFID then the UID least significant byte first")
    func inventoryAnswer() throws {
        let item = try ISO15693Response.inventory([0x00, 0x06, 0x28, 0x7A, 0x70, 0x46, 0x00, 0x01, 0x04, 0xE0])
        #expect(item == InventoryItem(uid: TagUID(hex: "E004010046707A28")!, dsfid: 0x06))
        #expect(throws: ReaderError.self) { try ISO15693Response.inventory([0x00, 0x06, 0x28]) }
    }
}
