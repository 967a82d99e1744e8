import Foundation
import RFIDCommon
import TagCodec
import TagPrivacy
import Testing

/// A tag is compliant only when it holds an accepted item barcode alone; every violation says
/// what and where.
@Suite struct PrivacyVerdicts {
    func verdict(_ hex: String, dsfid: UInt8? = nil) throws -> PrivacyVerdict {
        PrivacyGuard.verdict(for: try TagDecoder.decode(try Hex.decode(hex), dsfid: dsfid))
    }

    @Test func theItemBarcodeAloneIsCompliant() throws {
        #expect(try verdict("11061E2FE1C5638800", dsfid: 0x06).compliant)
        let image = try PrivacyGuard.imageForWriting(barcode: "33191000105864", format: .iso28560_3, blockSize: 4, blockCount: 28)
        #expect(try verdict(Hex.encode(image), dsfid: 0x3E).compliant)
    }

    @Test func everyExtraElementIsAViolationWithItsOIDAndOffset() throws {
        let v = try verdict("9100051CBE991A140202D002140204B3C60207441CB6E2E335D600000307ACC09EBAA06F6B7F020474657374", dsfid: 0x06)
        #expect(!v.compliant)
        let extra = v.violations.filter { $0.kind == .extraElement }
        #expect(extra.map(\.oid) == [2, 4, 6, 3, 17])
        #expect(extra.first { $0.oid == 17 }?.byteOffset == 37)
        #expect(v.violations.allSatisfy { !$0.description.contains("test") && !$0.description.contains("QA268") })
    }

    @Test func aPatronCardNumberAsIdentifierIsRefusedByRule() throws {
        let image = try ISO28560Part2.encode(primaryItemIdentifier: "23529000035676", blockSize: 4, blockCount: 28)
        let v = PrivacyGuard.verdict(for: try ISO28560Part2.decode(image))
        #expect(v.violations.map(\.kind) == [.refusedIdentifier])
        #expect(v.violations[0].description.contains("patron-card"))
        #expect(!v.violations[0].description.contains("23529000035676"))
    }

    @Test func aPatronCardTypeOfUsageIsAViolation() throws {
        var image = try ISO28560Part3.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 28)
        image[0] = 0x18
        let crc = ISO28560Part3.crc(ofBasicBlock: image[0..<34])
        image[19] = UInt8(crc & 0xFF)
        image[20] = UInt8(crc >> 8)
        let v = PrivacyGuard.verdict(for: try TagDecoder.decode(image))
        #expect(v.violations.map(\.kind) == [.patronCardUsage])
        // The same on ISO 28560-2: OID 5 with 0x80 is both extra data and a card.
        let part2 = try verdict("11061E2FE1C56388 05 01 80 00")
        #expect(Set(part2.violations.map(\.kind)) == [.extraElement, .patronCardUsage])
    }

    @Test func bytesLeftAfterTheEndOfDataAreFound() throws {
        var image = try ISO28560Part2.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 28)
        image[60] = 0x4A
        image[61] = 0x44
        let v = PrivacyGuard.verdict(for: try ISO28560Part2.decode(image))
        #expect(v.violations.count == 1)
        #expect(v.violations[0].kind == .dataAfterEnd)
        #expect(v.violations[0].byteOffset == 60)
    }

    @Test func dataHiddenInPadOrAfterAFixedFieldsNulIsFound() throws {
        #expect(try verdict("91 02 06 1E2FE1C56388 4A 4F 00").violations.map(\.kind) == [.hiddenBytes])
        var image = try ISO28560Part3.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 28)
        image[18] = 0x41
        let crc = ISO28560Part3.crc(ofBasicBlock: image[0..<34])
        image[19] = UInt8(crc & 0xFF)
        image[20] = UInt8(crc >> 8)
        let v = PrivacyGuard.verdict(for: try TagDecoder.decode(image))
        #expect(v.violations.map(\.kind) == [.hiddenBytes])
        #expect(v.violations.first?.byteOffset == 18)
    }

    @Test func extensionBlocksAndOwnerAreViolations() throws {
        let v = try verdict(
            "110101313030303030303133360000000000003615444B3731383530300000000000050100050122020071426F67766F676E656E0031323334353637383930000061373839363536630000",
            dsfid: 0x3E)
        #expect(v.violations.filter { $0.kind == .extensionBlock }.map(\.byteOffset) == [34, 39])
        #expect(v.violations.contains { $0.kind == .extraElement && $0.oid == 3 })
    }

    @Test func blankTagsHoldNoItemBarcode() throws {
        let v = PrivacyGuard.verdict(for: try TagDecoder.decode([UInt8](repeating: 0x55, count: 112)))
        #expect(v.violations.map(\.kind) == [.missingItemIdentifier])
    }

    @Test func imageForWritingRefusesBeforeEncoding() {
        for value in ["23529000035676", "jane.doe@example.org", "Jane Doe"] {
            #expect(throws: BarcodeRefusal.self) {
                try PrivacyGuard.imageForWriting(barcode: value, blockSize: 4, blockCount: 28)
            }
        }
    }
}
