/// ISO 28560-2: a sequence of compacted data elements ended by a 0x00 precursor.
public enum ISO28560Part2 {
    public static let dsfid: UInt8 = 0x06

    /// Decodes user memory. Stops at the 0x00 terminator (or at the end of memory, which some
    /// encoders reach exactly); every problem names its byte offset, never the data.
    public static func decode(_ memory: [UInt8], dsfid: UInt8? = 0x06) throws(TagCodecError) -> DecodedTag {
        var elements: [DataElement] = []
        var padOffsets: [Int] = []
        var endOfData = memory.count
        var position = 0
        while position < memory.count {
            let start = position
            let precursor = memory[position]
            if precursor == 0x00 {
                endOfData = position + 1
                break
            }
            if precursor == 0x80 {
                // A null precursor: filler some encoders leave between elements.
                position += 1
                continue
            }
            position += 1
            let schemeCode = (precursor >> 4) & 0x07
            var oid = Int(precursor & 0x0F)
            if oid == 0x0F {
                guard position < memory.count else {
                    throw TagCodecError(.truncated, at: position, "OID extension byte missing at the end of memory")
                }
                oid = 15 + Int(memory[position])
                position += 1
            } else if oid == 0 {
                throw TagCodecError(.malformed, at: start, "precursor names relative OID 0, which does not exist")
            }
            var padCount = 0
            if precursor & 0x80 != 0 {
                guard position < memory.count else {
                    throw TagCodecError(.truncated, at: position, oid: oid, "offset byte missing at the end of memory")
                }
                padCount = Int(memory[position])
                position += 1
            }
            let length = try readLength(memory, at: &position, oid: oid)
            guard length <= memory.count - position else {
                throw TagCodecError(
                    .truncated, at: position, oid: oid,
                    "element length \(length) runs past the end of memory (\(memory.count - position) bytes left)")
            }
            let dataRange = position..<position + length
            position += length
            guard padCount <= memory.count - position else {
                throw TagCodecError(.truncated, at: position, oid: oid, "\(padCount) pad bytes run past the end of memory")
            }
            let padStart = position
            position += padCount
            for index in padStart..<position where memory[index] != 0x00 && memory[index] != 0x80 {
                padOffsets.append(index)
            }
            let scheme: CompactionScheme
            let value: ElementValue
            if schemeCode == CompactionScheme.integer.rawValue, (1...8).contains(length) {
                // The path nearly every barcode takes: read the number straight from memory
                // instead of through a slice (which would retain and release the buffer).
                var number: UInt64 = 0
                for index in dataRange { number = number << 8 | UInt64(memory[index]) }
                scheme = .integer
                value = .text(Compaction.decimalString(number))
            } else {
                // `schemeCode` is 3 bits wide, so every value names a scheme.
                scheme = CompactionScheme(rawValue: schemeCode) ?? .applicationDefined
                value = try decodeValue(memory[dataRange], scheme: scheme, oid: oid, at: start)
            }
            let element = DataElement(oid: oid, compaction: scheme, value: value, byteOffset: start, byteLength: position - start)
            if elements.isEmpty {
                // A compliant tag holds one element: a one-element literal allocates its storage
                // in one step, where reserving and appending goes through the array's growth path.
                elements = [element]
            } else {
                elements.append(element)
            }
        }
        return DecodedTag(
            format: .iso28560_2, dsfid: dsfid, elements: elements, endOfData: endOfData, memory: memory,
            nonEmptyPadOffsets: padOffsets)
    }

    /// Lengths above 127 use base-128 digits, most significant first, with bit 7 set on every
    /// byte but the last.
    static func readLength(_ memory: [UInt8], at position: inout Int, oid: Int) throws(TagCodecError) -> Int {
        var length = 0
        let start = position
        while true {
            guard position < memory.count else {
                throw TagCodecError(.truncated, at: position, oid: oid, "length byte missing at the end of memory")
            }
            let byte = memory[position]
            position += 1
            length = length << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return length }
            guard position - start < 3 else {
                throw TagCodecError(.malformed, at: start, oid: oid, "length field longer than three bytes")
            }
        }
    }

    static func decodeValue(
        _ data: ArraySlice<UInt8>, scheme: CompactionScheme, oid: Int, at offset: Int
    ) throws(TagCodecError) -> ElementValue {
        if scheme == .applicationDefined {
            switch oid {
            case RelativeOID.contentParameter: return .contentParameter(contentParameterOIDs(data))
            case RelativeOID.ownerInstitution, 11, 23, 25: return .text(ISILCompaction.decode(data))
            default: return .bytes(Array(data))
            }
        }
        do {
            return .text(try Compaction.decode(data, scheme: scheme))
        } catch {
            throw TagCodecError(.badCompaction, at: offset, oid: oid, "\(scheme.name) data: \(error.reason)")
        }
    }

    /// The content parameter is a bitmap whose first bit stands for OID 3.
    static func contentParameterOIDs(_ data: ArraySlice<UInt8>) -> [Int] {
        var oids: [Int] = []
        for (byteIndex, byte) in data.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                oids.append(3 + byteIndex * 8 + bit)
            }
        }
        return oids
    }

    /// The user-memory image for a tag holding the primary item identifier and nothing else:
    /// precursor, length, the identifier in its most compact scheme, the terminator, and zeros
    /// up to the tag's capacity so no older data survives a rewrite.
    public static func encode(primaryItemIdentifier: String, blockSize: Int, blockCount: Int) throws(TagCodecError) -> [UInt8] {
        guard (1...32).contains(blockSize) else {
            throw TagCodecError(.doesNotFit, "block size \(blockSize) is not one a tag reports (1 to 32 bytes)")
        }
        guard blockCount >= 1 else { throw TagCodecError(.doesNotFit, "a tag has at least one block") }
        guard !primaryItemIdentifier.isEmpty else {
            throw TagCodecError(.unencodable, oid: RelativeOID.primaryItemIdentifier, "the item identifier is empty")
        }
        let capacity = blockSize * blockCount
        if let value = Compaction.smallIntegerValue(primaryItemIdentifier) {
            return try encodeInteger(value, capacity: capacity, blockSize: blockSize, blockCount: blockCount)
        }
        let (scheme, data) = Compaction.mostCompact(primaryItemIdentifier)
        var image: [UInt8] = []
        image.reserveCapacity(capacity)
        image.append(scheme.rawValue << 4 | UInt8(RelativeOID.primaryItemIdentifier))
        appendLength(data.count, to: &image)
        image.append(contentsOf: data)
        image.append(0x00)
        guard image.count <= capacity else {
            throw TagCodecError(
                .doesNotFit, oid: RelativeOID.primaryItemIdentifier,
                "the identifier needs \(image.count) bytes but the tag holds \(capacity) (\(blockCount) blocks of \(blockSize))")
        }
        image.append(contentsOf: repeatElement(0, count: capacity - image.count))
        return image
    }

    /// The same image for an identifier integer compaction holds in a UInt64 (every real
    /// barcode): integer is then the most compact scheme, and its bytes are written straight
    /// into the image instead of into an intermediate array first.
    static func encodeInteger(_ value: UInt64, capacity: Int, blockSize: Int, blockCount: Int) throws(TagCodecError) -> [UInt8] {
        let byteCount = max(1, (64 - value.leadingZeroBitCount + 7) / 8)
        let needed = 2 + byteCount + 1  // precursor, length, the number, terminator
        guard needed <= capacity else {
            throw TagCodecError(
                .doesNotFit, oid: RelativeOID.primaryItemIdentifier,
                "the identifier needs \(needed) bytes but the tag holds \(capacity) (\(blockCount) blocks of \(blockSize))")
        }
        var image = [UInt8](repeating: 0, count: capacity)
        image[0] = CompactionScheme.integer.rawValue << 4 | UInt8(RelativeOID.primaryItemIdentifier)
        image[1] = UInt8(byteCount)
        for index in 0..<byteCount {
            image[2 + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (byteCount - 1 - index)))
        }
        return image
    }

    static func appendLength(_ length: Int, to image: inout [UInt8]) {
        if length < 0x80 {
            image.append(UInt8(length))
        } else if length < 0x4000 {
            image.append(UInt8(0x80 | length >> 7))
            image.append(UInt8(length & 0x7F))
        } else {
            image.append(UInt8(0x80 | (length >> 14) & 0x7F))
            image.append(UInt8(0x80 | (length >> 7) & 0x7F))
            image.append(UInt8(length & 0x7F))
        }
    }
}
