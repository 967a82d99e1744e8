/// 3M's pre-standard layout. Read only: the system never writes it, but a library migrating
/// from 3M equipment must be able to find which old tags still carry owner or set data.
public enum Legacy3M {
    /// Bytes the layout occupies: blocks 0-6 of 4 bytes.
    public static let length = 28

    /// Whether the memory has the 3M header and a printable, NUL-terminated barcode field.
    public static func looksLikeLegacy(_ memory: [UInt8]) -> Bool {
        guard memory.count >= length, memory[0] == 0x04, memory[2] == 0x00 else { return false }
        let barcode = memory[4..<20].prefix { $0 != 0 }
        return !barcode.isEmpty && barcode.allSatisfy { (0x20...0x7E).contains($0) }
    }

    public static func decode(_ memory: [UInt8], dsfid: UInt8? = 0x00) throws(TagCodecError) -> DecodedTag {
        guard memory.count >= length else {
            throw TagCodecError(
                .truncated, at: memory.count, "the 3M layout needs 28 bytes (7 blocks), the memory has \(memory.count)")
        }
        guard memory[0] == 0x04 else {
            throw TagCodecError(.malformed, at: 0, "3M layout starts with 0x04; this byte differs")
        }
        let barcodeBytes = memory[4..<20].prefix { $0 != 0 }
        guard barcodeBytes.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw TagCodecError(.malformed, at: 4, oid: 1, "3M barcode field holds non-printable bytes")
        }
        let barcode = String(decoding: barcodeBytes, as: UTF8.self)
        let itemInSet = memory[1] >> 4
        let setTotal = memory[1] & 0x0F
        let word5 = UInt32(memory[20]) << 24 | UInt32(memory[21]) << 16 | UInt32(memory[22]) << 8 | UInt32(memory[23])
        let branch = UInt16(word5 >> 20)
        let library = word5 & 0xFFFFF
        let custom = Int32(bitPattern: UInt32(memory[24]) << 24 | UInt32(memory[25]) << 16 | UInt32(memory[26]) << 8 | UInt32(memory[27]))

        var elements = [
            DataElement(oid: RelativeOID.primaryItemIdentifier, compaction: nil, value: .text(barcode), byteOffset: 4, byteLength: 16)
        ]
        if setTotal > 1 {
            elements.append(
                DataElement(oid: RelativeOID.setInformation, compaction: nil, value: .text("\(itemInSet)/\(setTotal)"), byteOffset: 1, byteLength: 1))
        }
        if word5 != 0 {
            elements.append(
                DataElement(oid: RelativeOID.ownerInstitution, compaction: nil, value: .text("branch \(branch), library \(library)"), byteOffset: 20, byteLength: 4))
        }
        if custom != 0 {
            elements.append(DataElement(oid: 15, compaction: nil, value: .text(String(custom)), byteOffset: 24, byteLength: 4))
        }
        let details = Legacy3MDetails(
            itemInSet: itemInSet, setTotal: setTotal, itemType: memory[3], branch: branch, library: library, customValue: custom)
        return DecodedTag(
            format: .legacy3M, dsfid: dsfid, elements: elements, endOfData: length, memory: memory, legacy3M: details,
            notes: ["3M legacy format: read only; rewrite as ISO 28560-2 to hold the barcode alone"])
    }
}

/// Blank tags read all 0x00 (erased) or all 0x55 (3M factory state).
public enum BlankTag {
    public static func isBlank(_ memory: [UInt8]) -> Bool {
        guard let first = memory.first else { return true }
        return (first == 0x00 || first == 0x55) && memory.allSatisfy { $0 == first }
    }

    public static func decode(_ memory: [UInt8], dsfid: UInt8?) -> DecodedTag {
        DecodedTag(format: .blank, dsfid: dsfid, elements: [], endOfData: 0, memory: memory)
    }
}
