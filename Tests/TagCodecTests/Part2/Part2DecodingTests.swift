import RFIDCommon
@testable import TagCodec
import Testing

/// ISO 28560-2 structure: precursors, OID extension, offsets, null precursors, lengths.
@Suite struct Part2Decoding {
    @Test func theOIDExtensionByteAddsFifteen() throws {
        // 7F 02: UTF-8, OID 17 (title); then the item barcode.
        let tag = try ISO28560Part2.decode(try Hex.decode("11061E2FE1C56388 7F 02 02 6869 00"))
        #expect(tag.elements.map(\.oid) == [1, 17])
        #expect(tag.elements[1].value == .text("hi"))
        #expect(tag.elements[1].compaction == .utf8)
        #expect(tag.elements[1].name == "title")
    }

    @Test func everyRelativeOIDFrom1To26IsNamed() throws {
        for oid in 1...26 {
            let precursor: [UInt8] = oid < 15 ? [0x60 | UInt8(oid)] : [0x6F, UInt8(oid - 15)]
            let tag = try ISO28560Part2.decode(precursor + [1, 0x41, 0])
            #expect(tag.elements.first?.oid == oid)
            let name = tag.elements.first?.name ?? "unknown"
            #expect(!name.hasPrefix("unknown"), "OID \(oid)")
        }
    }

    @Test func offsetBytesAreSkippedWhateverTheirValue() throws {
        let tag = try ISO28560Part2.decode(try Hex.decode("91 02 06 1E2FE1C56388 80 00 00"))
        #expect(tag.primaryItemIdentifier == "33191000105864")
        #expect(tag.elements[0].byteLength == 11)
        #expect(tag.endOfData == 12)
        #expect(tag.nonEmptyPadOffsets.isEmpty)
    }

    @Test func padBytesHoldingDataAreReported() throws {
        let tag = try ISO28560Part2.decode(try Hex.decode("91 02 06 1E2FE1C56388 4A 4F 00"))
        #expect(tag.nonEmptyPadOffsets == [9, 10])
    }

    @Test func nullPrecursorsBetweenElementsAreSkipped() throws {
        let tag = try ISO28560Part2.decode(try Hex.decode("80 80 11061E2FE1C56388 80 02 01 00 00"))
        #expect(tag.elements.map(\.oid) == [1, 2])
        #expect(tag.elements[0].byteOffset == 2)
        #expect(tag.elements[1].value == .contentParameter([]))
    }

    @Test func multiByteLengthsAreBase128() throws {
        for length in [127, 128, 300, 16383, 16384] {
            var image = [UInt8(0x66)]
            ISO28560Part2.appendLength(length, to: &image)
            image += [UInt8](repeating: 0x41, count: length) + [0]
            let tag = try ISO28560Part2.decode(image)
            #expect(tag.elements.first?.value == .text(String(repeating: "A", count: length)), "length \(length)")
        }
        var encoded: [UInt8] = []
        ISO28560Part2.appendLength(16384, to: &encoded)
        #expect(encoded == [0x81, 0x80, 0x00])
        encoded = []
        ISO28560Part2.appendLength(128, to: &encoded)
        #expect(encoded == [0x81, 0x00])
    }

    @Test func theContentParameterIsABitmapFromOID3() throws {
        let tag = try ISO28560Part2.decode(try Hex.decode("02 02 D0 02 00"))
        #expect(tag.elements.first?.value == .contentParameter([3, 4, 6, 17]))
    }

    @Test func unknownApplicationDefinedDataIsKeptAsBytes() throws {
        let tag = try ISO28560Part2.decode(try Hex.decode("0F 00 02 CAFE 00"))
        #expect(tag.elements.first?.oid == 15)
        #expect(tag.elements.first?.value == .bytes([0xCA, 0xFE]))
    }

    @Test func memoryFilledToTheLastByteNeedsNoTerminator() throws {
        let tag = try ISO28560Part2.decode(try Hex.decode("11061E2FE1C56388"))
        #expect(tag.endOfData == 8)
        #expect(tag.primaryItemIdentifier == "33191000105864")
    }

    @Test func errorsNameTheByteOffsetAndOID() throws {
        #expect(throws: TagCodecError(.truncated, at: 2, oid: 1, "element length 6 runs past the end of memory (3 bytes left)")) {
            try ISO28560Part2.decode(try Hex.decode("11 06 1E2FE1"))
        }
        #expect(throws: TagCodecError(.malformed, at: 0, "precursor names relative OID 0, which does not exist")) {
            try ISO28560Part2.decode([0x10, 0x01, 0x01, 0x00])
        }
        #expect(throws: TagCodecError(.truncated, at: 1, "OID extension byte missing at the end of memory")) {
            try ISO28560Part2.decode([0x6F])
        }
        #expect(throws: TagCodecError(.truncated, at: 1, oid: 1, "offset byte missing at the end of memory")) {
            try ISO28560Part2.decode([0x91])
        }
    }

    @Test func badCompactionIsATypedErrorWithPlace() throws {
        // Numeric data with a non-digit nibble in the middle.
        let error = try #require(throws: TagCodecError.self) { try ISO28560Part2.decode([0x00 | 0x21, 0x02, 0xA1, 0x23, 0x00]) }
        #expect(error.kind == .badCompaction)
        #expect(error.byteOffset == 0)
        #expect(error.oid == 1)
        #expect(!error.description.contains("A1"))
    }
}

