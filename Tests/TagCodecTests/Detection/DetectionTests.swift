import RFIDCommon
import TagCodec
import Testing

/// The DSFID is a hint, not the truth: content decides when they disagree.
@Suite struct FormatDetection {
    let part2 = "11061E2FE1C5638800"
    let part3 = "1101013130303030303030353600000000000098A4444B3731383530300000000000"

    @Test func contentDecidesWhenTheDSFIDIsZero() throws {
        #expect(TagDecoder.detectFormat(try Hex.decode(part2), dsfid: 0x00) == .iso28560_2)
        #expect(TagDecoder.detectFormat(try Hex.decode(part3), dsfid: 0x00) == .iso28560_3)
        #expect(TagDecoder.detectFormat(LegacyAndBlank.legacy3M(barcode: "31234000123456"), dsfid: 0x00) == .legacy3M)
        #expect(TagDecoder.detectFormat(try Hex.decode(part3)) == .iso28560_3)
    }

    @Test func aWrongDSFIDIsOverruledAndNoted() throws {
        let tag = try TagDecoder.decode(try Hex.decode(part3), dsfid: 0x06)
        #expect(tag.format == .iso28560_3)
        #expect(tag.notes.contains { $0.contains("DSFID 0x06 does not match") })
        let other = try TagDecoder.decode(try Hex.decode(part2), dsfid: 0x3E)
        #expect(other.format == .iso28560_2)
    }

    @Test func bytesOfNoKnownFormatAreATypedError() {
        let error = try? #require(throws: TagCodecError.self) { try TagDecoder.decode([0x10, 0xFF, 0xFF], dsfid: 0x00) }
        #expect(error?.kind == .unknownFormat || error?.kind == .malformed)
        #expect(error?.exitStatus == .dataError)
    }
}
