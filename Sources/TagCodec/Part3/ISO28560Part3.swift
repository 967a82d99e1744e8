/// ISO 28560-3, the fixed-length "Danish model": a 34-byte (or 32-byte) basic block with a CRC,
/// then optional extension blocks. The decoder is tolerant of the vendor variants seen in the
/// field because an audit must read every old tag a library owns, not just well-made ones.
public enum ISO28560Part3 {
    public static let dsfid: UInt8 = 0x3E

    enum Layout: Int, CaseIterable { case full = 34, short = 32 }

    /// The CRC over the basic block as the standard defines it: bytes 0-18, then 21 to the end
    /// of the block, with a short block padded by two zero bytes.
    public static func crc(ofBasicBlock block: ArraySlice<UInt8>) -> UInt16 {
        let base = block.startIndex
        var crc = CRC16CCITT.checksum(block[base..<base + 19])
        crc = CRC16CCITT.checksum(block[(base + 21)...], initial: crc)
        if block.count == Layout.short.rawValue { crc = CRC16CCITT.checksum([0, 0], initial: crc) }
        return crc
    }

    static func storedCRC(_ memory: [UInt8]) -> UInt16 { UInt16(memory[19]) | UInt16(memory[20]) << 8 }

    /// Whether the memory, read as written or with every 4-byte block reversed, carries a basic
    /// block whose CRC matches. Used by format detection.
    static func findBasicBlock(_ memory: [UInt8]) -> (memory: [UInt8], layout: Layout, reversed: Bool)? {
        for reversed in [false, true] {
            let candidate = reversed ? reversingBlocks(memory) : memory
            for layout in Layout.allCases where candidate.count >= layout.rawValue {
                if crc(ofBasicBlock: candidate[0..<layout.rawValue]) == storedCRC(candidate) {
                    return (candidate, layout, reversed)
                }
            }
        }
        return nil
    }

    static func reversingBlocks(_ memory: [UInt8]) -> [UInt8] {
        var out = memory
        var start = 0
        while start + 4 <= out.count {
            out[start..<start + 4].reverse()
            start += 4
        }
        return out
    }

    public static func decode(_ memory: [UInt8], dsfid: UInt8? = 0x3E) throws(TagCodecError) -> DecodedTag {
        guard memory.count >= Layout.short.rawValue else {
            throw TagCodecError(
                .truncated, at: memory.count,
                "an ISO 28560-3 basic block needs at least 32 bytes, the memory has \(memory.count)")
        }
        var notes: [String] = []
        let found = findBasicBlock(memory)
        let data = found?.memory ?? memory
        let layout = found?.layout ?? (memory.count >= Layout.full.rawValue ? .full : .short)
        if found?.reversed == true { notes.append("4-byte blocks were stored in reverse byte order (vendor variant)") }
        if found == nil { notes.append("basic block CRC does not match (stored CRC at bytes 19-20)") }

        var version = data[0] >> 4
        var usage = data[0] & 0x0F
        if version != 1 && usage == 1 {
            swap(&version, &usage)
            notes.append("version and type-of-usage nibbles were swapped (vendor variant)")
        }
        var parts = data[1]
        var partNumber = data[2]
        if parts != 0 && partNumber > parts {
            swap(&parts, &partNumber)
            notes.append("parts-in-item and part-number bytes were swapped (vendor variant)")
        }
        let barcode = latin1(data[3..<19].prefix { $0 != 0 })
        let isilStored = latin1(data[21..<layout.rawValue].prefix { $0 != 0 })

        var elements = [
            DataElement(
                oid: RelativeOID.primaryItemIdentifier, compaction: nil, value: .text(barcode), byteOffset: 3,
                byteLength: 16)
        ]
        if !isilStored.isEmpty {
            elements.append(
                DataElement(
                    oid: RelativeOID.ownerInstitution, compaction: nil, value: .text(restoreHyphen(isilStored)),
                    byteOffset: 21, byteLength: layout.rawValue - 21))
        }
        if parts > 1 {
            elements.append(
                DataElement(
                    oid: RelativeOID.setInformation, compaction: nil, value: .text("\(partNumber)/\(parts)"),
                    byteOffset: 1, byteLength: 2))
        }
        let (blocks, endOfData) = try decodeExtensionBlocks(data, from: layout.rawValue)
        let details = Part3Details(
            version: version, typeOfUsage: usage, partsInItem: parts, partNumber: partNumber,
            ownerInstitution: isilStored.isEmpty ? "" : restoreHyphen(isilStored), basicBlockLength: layout.rawValue,
            crcStored: storedCRC(data), crcValid: found != nil,
            variant: found?.reversed == true ? "reversed 4-byte blocks" : nil, extensionBlocks: blocks)
        return DecodedTag(
            format: .iso28560_3, dsfid: dsfid, elements: elements, endOfData: endOfData, memory: data, part3: details,
            notes: notes)
    }

    static let blockNames: [UInt16: String] = [
        1: "library", 2: "acquisition", 3: "library supplement", 4: "title", 5: "interlibrary loan",
    ]

    /// Extension blocks: [length][id, little-endian][XOR check][payload], until a zero length.
    static func decodeExtensionBlocks(_ data: [UInt8], from start: Int) throws(TagCodecError) -> ([Part3ExtensionBlock], Int) {
        var blocks: [Part3ExtensionBlock] = []
        var position = start
        while position < data.count {
            let length = Int(data[position])
            if length == 0 { return (blocks, position + 1) }
            guard length >= 4 else {
                throw TagCodecError(
                    .malformed, at: position, "extension block length \(length) is shorter than its 4-byte header")
            }
            guard position + length <= data.count else {
                throw TagCodecError(.truncated, at: position, "extension block of \(length) bytes runs past the end of memory")
            }
            let block = data[position..<position + length]
            let id = UInt16(data[position + 1]) | UInt16(data[position + 2]) << 8
            let xor = block.reduce(0, ^)
            let payload = block.dropFirst(4)
            let fields = payload.split(separator: 0, omittingEmptySubsequences: false).map(fieldText)
            blocks.append(
                Part3ExtensionBlock(
                    id: id, name: blockNames[id] ?? "unknown (\(id))", byteOffset: position, length: length,
                    checksumValid: xor == 0, fields: fields))
            position += length
        }
        return (blocks, data.count)
    }

    /// Printable fields as text; anything with control bytes as hex, so a dump never carries raw
    /// control characters into a terminal or a log.
    static func fieldText(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) || $0 >= 0xA0 }) { return latin1(bytes) }
        return "0x" + bytes.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    static func latin1(_ bytes: some Collection<UInt8>) -> String {
        // ASCII, the usual content, is already valid UTF-8; only high bytes need widening.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The standard stores "DK-718500" as "DK718500": the hyphen after the country code goes back.
    static func restoreHyphen(_ stored: String) -> String {
        guard stored.count > 2, stored.dropFirst(2).first != "-" else { return stored }
        return String(stored.prefix(2)) + "-" + stored.dropFirst(2)
    }

    /// A basic block holding only the primary item identifier: version 1, circulating item, one
    /// part, no owner code; zeros to the tag's capacity.
    public static func encode(primaryItemIdentifier: String, blockSize: Int, blockCount: Int) throws(TagCodecError) -> [UInt8] {
        guard (1...32).contains(blockSize), blockCount >= 1 else {
            throw TagCodecError(.doesNotFit, "block size \(blockSize) with \(blockCount) blocks is not a tag layout")
        }
        let capacity = blockSize * blockCount
        guard capacity >= Layout.short.rawValue else {
            throw TagCodecError(.doesNotFit, "ISO 28560-3 needs at least 32 bytes of user memory, the tag has \(capacity)")
        }
        var barcode: [UInt8] = []
        for scalar in primaryItemIdentifier.unicodeScalars {
            guard (0x20...0x7E).contains(scalar.value) else {
                throw TagCodecError(
                    .unencodable, oid: RelativeOID.primaryItemIdentifier,
                    "ISO 28560-3 identifiers are printable ASCII; a character is outside it")
            }
            barcode.append(UInt8(scalar.value))
        }
        guard !barcode.isEmpty, barcode.count <= 16 else {
            throw TagCodecError(
                .doesNotFit, oid: RelativeOID.primaryItemIdentifier,
                "ISO 28560-3 identifiers are 1 to 16 characters, this one has \(barcode.count)")
        }
        let layout = capacity >= Layout.full.rawValue ? Layout.full : .short
        var image = [UInt8](repeating: 0, count: capacity)
        image[0] = 0x11
        image[1] = 1
        image[2] = 1
        image.replaceSubrange(3..<3 + barcode.count, with: barcode)
        let crc = crc(ofBasicBlock: image[0..<layout.rawValue])
        image[19] = UInt8(crc & 0xFF)
        image[20] = UInt8(crc >> 8)
        return image
    }
}
