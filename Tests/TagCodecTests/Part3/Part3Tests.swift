import RFIDCommon
@testable import TagCodec
import Testing

/// ISO 28560-3 basic block, extension blocks, and the vendor variants a tolerant decoder undoes.
@Suite struct Part3Decoding {
    let annexB1 = "1101013130303030303030353600000000000098A4444B3731383530300000000000"

    @Test func theEncoderWritesABasicBlockWithTheBarcodeAlone() throws {
        let image = try ISO28560Part3.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 28)
        #expect(image.count == 112)
        let tag = try ISO28560Part3.decode(image)
        #expect(tag.primaryItemIdentifier == "33191000105864")
        #expect(tag.part3?.crcValid == true)
        #expect(tag.part3?.ownerInstitution == "")
        #expect(tag.part3?.typeOfUsage == 1)
        #expect(tag.part3?.extensionBlocks.isEmpty == true)
        #expect(tag.endOfData == 35)
        #expect(image[34...].allSatisfy { $0 == 0 })
    }

    @Test func smallTagsUseThe32ByteBlockWithItsCRCRule() throws {
        let image = try ISO28560Part3.encode(primaryItemIdentifier: "1000000056", blockSize: 4, blockCount: 8)
        #expect(image.count == 32)
        let tag = try ISO28560Part3.decode(image)
        #expect(tag.part3?.basicBlockLength == 32)
        #expect(tag.part3?.crcValid == true)
        // The CRC covers bytes 0-18, 21-31 and two zero bytes standing in for the missing ISIL bytes.
        let manual = CRC16CCITT.checksum(Array(image[0..<19]) + Array(image[21..<32]) + [0, 0])
        #expect(tag.part3?.crcStored == manual)
    }

    @Test func aDamagedCRCIsReportedNotHidden() throws {
        var memory = try Hex.decode(annexB1)
        memory[5] ^= 0x01
        let tag = try ISO28560Part3.decode(memory)
        #expect(tag.part3?.crcValid == false)
        #expect(tag.notes.contains { $0.contains("CRC") })
    }

    @Test func reversedFourByteBlocksAreUndone() throws {
        let memory = try Hex.decode(annexB1)
        let tag = try ISO28560Part3.decode(ISO28560Part3.reversingBlocks(memory + [0, 0]))
        #expect(tag.part3?.crcValid == true)
        #expect(tag.part3?.variant == "reversed 4-byte blocks")
        #expect(tag.primaryItemIdentifier == "1000000056")
        #expect(tag.part3?.ownerInstitution == "DK-718500")
    }

    @Test func swappedUsageNibbleAndSwappedPartBytesAreUndone() throws {
        var memory = try Hex.decode(annexB1)
        memory[0] = 0x81  // usage 8 and version 1, nibbles swapped
        memory[1] = 2  // part number and parts swapped: part 3 of 2 is impossible
        memory[2] = 3
        let tag = try ISO28560Part3.decode(memory)
        #expect(tag.part3?.version == 1)
        #expect(tag.part3?.typeOfUsage == 8)
        #expect(tag.part3?.partsInItem == 3)
        #expect(tag.part3?.partNumber == 2)
        #expect(tag.typeOfUsage == 0x80)
        #expect(tag.notes.count >= 2)
    }

    @Test func extensionBlockChecksumIsVerified() throws {
        var memory = try Hex.decode(annexB1) + [0x05, 0x01, 0x00, 0x05, 0x01, 0x00]
        #expect(try ISO28560Part3.decode(memory).part3?.extensionBlocks.first?.checksumValid == true)
        memory[38] = 0x02
        #expect(try ISO28560Part3.decode(memory).part3?.extensionBlocks.first?.checksumValid == false)
    }

    @Test func malformedExtensionBlocksNameTheirOffset() throws {
        let short = try Hex.decode(annexB1) + [0x03, 0x01, 0x00]
        #expect(throws: TagCodecError(.malformed, at: 34, "extension block length 3 is shorter than its 4-byte header")) {
            try ISO28560Part3.decode(short)
        }
        let long = try Hex.decode(annexB1) + [0x20, 0x01, 0x00, 0x21]
        #expect(throws: TagCodecError(.truncated, at: 34, "extension block of 32 bytes runs past the end of memory")) {
            try ISO28560Part3.decode(long)
        }
    }

    @Test func tooShortMemoryIsATypedError() {
        #expect(throws: TagCodecError.self) { try ISO28560Part3.decode([UInt8](repeating: 0x11, count: 20)) }
    }

    @Test func identifiersLongerThan16CharactersAreRefused() {
        #expect(throws: TagCodecError.self) {
            try ISO28560Part3.encode(primaryItemIdentifier: "12345678901234567", blockSize: 4, blockCount: 28)
        }
    }
}
