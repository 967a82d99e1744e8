import Foundation
import RFIDCommon
import TagCodec
import Testing

/// Every vector in the shared file decodes to exactly what the file says.
@Suite struct SharedVectorConformance {
    let vectors: SharedVectors
    init() throws { vectors = try SharedVectors() }

    @Test func theFileHasVectorsOfEveryKind() {
        #expect(vectors.list("iso28560_2").count >= 3)
        #expect(vectors.list("compaction").count >= 10)
        #expect(vectors.list("iso28560_3").count >= 2)
        // The privacy suite judges each of these barcodes by the policy (SharedBarcodeVectors).
        let barcodes = vectors.list("codabar14")
        #expect(barcodes.count >= 4)
        for entry in barcodes {
            #expect((entry["barcode"] as? String)?.utf8.count == 14, "\(entry)")
            #expect(["item", "patron"].contains(entry["kind"] as? String ?? ""), "\(entry)")
            #expect(entry["checkDigitValid"] is Bool, "\(entry)")
        }
    }

    @Test func iso28560Part2VectorsDecodeToTheListedElements() throws {
        for vector in vectors.list("iso28560_2") {
            let name = vector["name"] as? String ?? "?"
            let memory = try SharedVectors.bytes(vector)
            let tag = try TagDecoder.decode(memory, dsfid: try Hex.decode(vector["dsfid"] as? String ?? "").first)
            #expect(tag.format == .iso28560_2, "\(name)")
            let expected = vector["elements"] as? [[String: Any]] ?? []
            #expect(tag.elements.count == expected.count, "\(name)")
            for (element, want) in zip(tag.elements, expected) {
                #expect(element.oid == want["oid"] as? Int, "\(name)")
                if let oids = want["contentParameterOIDs"] as? [Int] {
                    #expect(element.value == .contentParameter(oids), "\(name)")
                } else {
                    #expect(element.value == .text(want["value"] as? String ?? ""), "\(name) OID \(element.oid)")
                }
                if let scheme = want["compaction"] as? String {
                    #expect(scheme.hasPrefix(element.compaction?.name ?? "-"), "\(name) OID \(element.oid)")
                }
            }
        }
    }

    @Test func compactionVectorsDecodeAndTheEncoderReproducesThem() throws {
        for vector in vectors.list("compaction") {
            let schemeName = vector["scheme"] as? String ?? ""
            let text = vector["text"] as? String ?? ""
            let bytes = try SharedVectors.bytes(vector)
            if schemeName == "isil" {
                #expect(ISILCompaction.decode(bytes[...]) == text)
                #expect(ISILCompaction.encode(text) == bytes, "\(text)")
                continue
            }
            let scheme = try #require(CompactionScheme.allCases.first { $0.name == schemeName }, "\(schemeName)")
            #expect(try Compaction.decode(bytes[...], scheme: scheme) == text, "\(schemeName) \(text)")
            #expect(Compaction.encode(text, scheme: scheme) == bytes, "\(schemeName) \(text)")
        }
    }

    @Test func iso28560Part3VectorsDecodeWithValidCRC() throws {
        for vector in vectors.list("iso28560_3") {
            let name = vector["name"] as? String ?? "?"
            let tag = try TagDecoder.decode(try SharedVectors.bytes(vector), dsfid: 0x3E)
            let part3 = try #require(tag.part3, "\(name)")
            #expect(tag.format == .iso28560_3)
            #expect(tag.primaryItemIdentifier == vector["primaryItemIdentifier"] as? String, "\(name)")
            #expect(part3.ownerInstitution == vector["ownerInstitution"] as? String, "\(name)")
            #expect(part3.crcValid, "\(name)")
            #expect(Hex.encode([UInt8(part3.crcStored >> 8), UInt8(part3.crcStored & 0xFF)]) == vector["crc"] as? String)
            if let parts = vector["partsInItem"] as? Int { #expect(Int(part3.partsInItem) == parts) }
            if let part = vector["partNumber"] as? Int { #expect(Int(part3.partNumber) == part) }
            if let usage = vector["typeOfUsage"] as? Int { #expect(Int(part3.typeOfUsage) == usage) }
            let blocks = vector["extensionBlocks"] as? [[String: Any]] ?? []
            #expect(part3.extensionBlocks.map { Int($0.id) } == blocks.map { $0["id"] as? Int ?? -1 }, "\(name)")
            #expect(part3.extensionBlocks.allSatisfy { $0.checksumValid })
        }
    }

    @Test func acquisitionExtensionBlockFieldsAreReadInOrder() throws {
        let vector = try #require(vectors.list("iso28560_3").first { ($0["extensionBlocks"] as? [Any]) != nil })
        let tag = try TagDecoder.decode(try SharedVectors.bytes(vector), dsfid: 0x3E)
        let acquisition = try #require(tag.part3?.extensionBlocks.first { $0.id == 2 })
        let want = try #require((vector["extensionBlocks"] as? [[String: Any]])?.first { $0["id"] as? Int == 2 })
        #expect(acquisition.name == want["name"] as? String)
        #expect(acquisition.fields.first == want["supplierIdentifier"] as? String)
        #expect(acquisition.fields.contains(want["productIdentifierLocal"] as? String ?? "-"))
        #expect(acquisition.fields.last == want["supplierInvoiceNumber"] as? String)
    }

    @Test func crcCheckValue() throws {
        let vector = try #require(vectors.root["crc16_ccitt_false"] as? [String: Any])
        let crc = CRC16CCITT.checksum(Array((vector["text"] as? String ?? "").utf8))
        #expect(Hex.encode([UInt8(crc >> 8), UInt8(crc & 0xFF)]) == vector["crc"] as? String)
    }
}
