import Foundation
import RFIDCommon
import TagCodec
import TagPrivacy

/// The decode output, as text for people and JSON for scripts. The JSON keys are documented in
/// Docs/tag-format.md and are a stable interface.
struct TagReport: Encodable {
    struct Element: Encodable {
        var oid: Int
        var name: String
        var compaction: String?
        var value: String
        var contentParameterOIDs: [Int]?
        var byteOffset: Int
        var byteLength: Int

        enum CodingKeys: String, CodingKey {
            case oid, name, compaction, value, contentParameterOIDs, byteOffset, byteLength
        }

        /// `compaction` is always present (null for fixed-layout fields) so scripts can rely on it.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(oid, forKey: .oid)
            try c.encode(name, forKey: .name)
            try c.encode(compaction, forKey: .compaction)
            try c.encode(value, forKey: .value)
            try c.encodeIfPresent(contentParameterOIDs, forKey: .contentParameterOIDs)
            try c.encode(byteOffset, forKey: .byteOffset)
            try c.encode(byteLength, forKey: .byteLength)
        }
    }

    struct SetInformation: Encodable {
        var partsInItem: Int
        var partNumber: Int
    }

    struct ExtensionBlock: Encodable {
        var id: Int
        var name: String
        var byteOffset: Int
        var length: Int
        var checksumValid: Bool
        var fields: [String]
    }

    struct Violation: Encodable {
        var kind: String
        var oid: Int?
        var byteOffset: Int?
        var description: String
    }

    struct Privacy: Encodable {
        var compliant: Bool
        var violations: [Violation]
    }

    var format: String
    var dsfid: String?
    var primaryItemIdentifier: String?
    var typeOfUsage: String?
    var elements: [Element]
    var endOfData: Int
    var setInformation: SetInformation?
    var ownerInstitution: String?
    var crcValid: Bool?
    var variant: String?
    var extensionBlocks: [ExtensionBlock]?
    var notes: [String]
    var privacy: Privacy

    init(tag: DecodedTag, verdict: PrivacyVerdict) {
        format = tag.format.rawValue
        dsfid = tag.dsfid.map { Hex.encode([$0]) }
        primaryItemIdentifier = tag.primaryItemIdentifier
        typeOfUsage = tag.typeOfUsage.map { Hex.encode([$0]) }
        elements = tag.elements.map { element in
            var oids: [Int]? = nil
            if case .contentParameter(let list) = element.value { oids = list }
            return Element(
                oid: element.oid, name: element.name, compaction: element.compaction?.name,
                value: element.value.displayString, contentParameterOIDs: oids, byteOffset: element.byteOffset,
                byteLength: element.byteLength)
        }
        endOfData = tag.endOfData
        if let p3 = tag.part3 {
            setInformation = SetInformation(partsInItem: Int(p3.partsInItem), partNumber: Int(p3.partNumber))
            ownerInstitution = p3.ownerInstitution
            crcValid = p3.crcValid
            variant = p3.variant
            extensionBlocks = p3.extensionBlocks.map {
                ExtensionBlock(
                    id: Int($0.id), name: $0.name, byteOffset: $0.byteOffset, length: $0.length,
                    checksumValid: $0.checksumValid, fields: $0.fields)
            }
        }
        notes = tag.notes
        privacy = Privacy(
            compliant: verdict.compliant,
            violations: verdict.violations.map {
                Violation(kind: $0.kind.rawValue, oid: $0.oid, byteOffset: $0.byteOffset, description: $0.description)
            })
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    func text() -> String {
        var lines: [String] = []
        lines.append("format:      \(format)" + (dsfid.map { " (DSFID \($0))" } ?? ""))
        lines.append("item:        \(primaryItemIdentifier ?? "(none)")")
        if let typeOfUsage { lines.append("usage:       0x\(typeOfUsage)") }
        if let setInformation { lines.append("set:         part \(setInformation.partNumber) of \(setInformation.partsInItem)") }
        if let ownerInstitution, !ownerInstitution.isEmpty { lines.append("owner:       \(ownerInstitution)") }
        if let crcValid { lines.append("crc:         \(crcValid ? "valid" : "INVALID")" + (variant.map { " (\($0))" } ?? "")) }
        if !elements.isEmpty {
            lines.append("elements:")
            for e in elements {
                let scheme = e.compaction.map { ", \($0)" } ?? ""
                lines.append("  OID \(e.oid) \(e.name) @\(e.byteOffset)+\(e.byteLength)\(scheme): \(e.value)")
            }
        }
        for block in extensionBlocks ?? [] {
            lines.append(
                "extension:   block \(block.id) (\(block.name)) @\(block.byteOffset), \(block.fields.count) field(s), checksum \(block.checksumValid ? "valid" : "INVALID")")
        }
        lines.append("end of data: byte \(endOfData)")
        for note in notes { lines.append("note:        \(note)") }
        if privacy.compliant {
            lines.append("privacy:     compliant (item barcode alone)")
        } else {
            lines.append("privacy:     NOT COMPLIANT")
            for v in privacy.violations { lines.append("  - \(v.description)") }
        }
        return lines.joined(separator: "\n")
    }
}
