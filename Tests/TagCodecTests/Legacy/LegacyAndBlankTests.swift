import RFIDCommon
import TagCodec
import Testing

/// Old 3M tags and blank tags are read so that a library can audit every tag it owns.
@Suite struct LegacyAndBlank {
    static func legacy3M(barcode: String, set: UInt8 = 0x11, word5: UInt32 = 0, custom: Int32 = 0) -> [UInt8] {
        var memory: [UInt8] = [0x04, set, 0x00, 0x01]
        var field = Array(barcode.utf8)
        field += [UInt8](repeating: 0, count: 16 - field.count)
        memory += field
        memory += [UInt8(word5 >> 24), UInt8((word5 >> 16) & 0xFF), UInt8((word5 >> 8) & 0xFF), UInt8(word5 & 0xFF)]
        let c = UInt32(bitPattern: custom)
        memory += [UInt8(c >> 24), UInt8((c >> 16) & 0xFF), UInt8((c >> 8) & 0xFF), UInt8(c & 0xFF)]
        return memory + [UInt8](repeating: 0, count: 84)
    }

    @Test func a3MTagWithBarcodeOnlyDecodes() throws {
        let tag = try TagDecoder.decode(Self.legacy3M(barcode: "31234000123456"), dsfid: 0x00)
        #expect(tag.format == .legacy3M)
        #expect(tag.primaryItemIdentifier == "31234000123456")
        #expect(tag.elements.count == 1)
        #expect(tag.legacy3M?.itemType == 1)
    }

    @Test func a3MTagWithBranchLibraryAndSetDataShowsThemAsElements() throws {
        let memory = Self.legacy3M(barcode: "31234000123456", set: 0x23, word5: 0x0050_1234, custom: -7)
        let tag = try Legacy3M.decode(memory)
        #expect(tag.legacy3M?.itemInSet == 2)
        #expect(tag.legacy3M?.setTotal == 3)
        #expect(tag.legacy3M?.branch == 5)
        #expect(tag.legacy3M?.library == 0x01234)
        #expect(tag.legacy3M?.customValue == -7)
        #expect(Set(tag.elements.map(\.oid)) == [1, 3, 4, 15])
    }

    @Test(arguments: [UInt8(0x00), 0x55])
    func blankTagsAreRecognised(fill: UInt8) throws {
        let memory = [UInt8](repeating: fill, count: 112)
        #expect(BlankTag.isBlank(memory))
        #expect(try TagDecoder.decode(memory, dsfid: 0x00).format == .blank)
        #expect(try TagDecoder.decode(memory, dsfid: 0x06).format == .blank)
    }

    @Test func aTagWithOneByteSetIsNotBlank() {
        var memory = [UInt8](repeating: 0x55, count: 112)
        memory[100] = 0x54
        #expect(!BlankTag.isBlank(memory))
    }
}
