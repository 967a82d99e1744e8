import TagCodec

/// The two places privacy is enforced for tags: before anything is written (only an accepted
/// barcode, encoded alone) and whenever a tag is read (does it hold anything else?).
public enum PrivacyGuard {
    /// Judges a decoded tag. Compliant only when it holds an accepted item barcode as its only
    /// data element, is not a patron card, and every other byte of user memory is empty.
    public static func verdict(for tag: DecodedTag, policy: BarcodePolicy = .default) -> PrivacyVerdict {
        var violations: [PrivacyViolation] = []
        var identifiers = 0
        var hasTypeOfUsageElement = false
        for index in tag.elements.indices {
            let oid = tag.elements[index].oid
            if oid == RelativeOID.typeOfUsage { hasTypeOfUsageElement = true }
            if oid == RelativeOID.primaryItemIdentifier {
                // Fields are read in place rather than through a copy of the whole element.
                let byteOffset = tag.elements[index].byteOffset
                identifiers += 1
                if identifiers > 1 {
                    violations.append(
                        PrivacyViolation(
                            kind: .extraElement, oid: oid, byteOffset: byteOffset,
                            description: "a second primary item identifier (OID 1) at byte \(byteOffset)"))
                    continue
                }
                let rule: RefusalRule?
                if case .text(let value) = tag.elements[index].value {
                    rule = policy.refusal(for: value)
                } else {
                    rule = policy.refusal(for: "")
                }
                if let rule {
                    violations.append(
                        PrivacyViolation(
                            kind: .refusedIdentifier, oid: oid, byteOffset: byteOffset,
                            description:
                                "primary item identifier (OID 1) at byte \(byteOffset) is refused by rule '\(rule.id)': \(rule.explanation)"
                        ))
                }
                continue
            }
            let element = tag.elements[index]
            if element.oid == RelativeOID.contentParameter, case .contentParameter(let oids) = element.value, oids.isEmpty {
                continue  // An empty content parameter announces nothing and holds nothing.
            }
            violations.append(
                PrivacyViolation(
                    kind: .extraElement, oid: element.oid, byteOffset: element.byteOffset,
                    description: "\(element.name) (OID \(element.oid)) at byte \(element.byteOffset): a tag may hold the item barcode only"))
        }
        if identifiers == 0 {
            violations.append(
                PrivacyViolation(
                    kind: .missingItemIdentifier, oid: RelativeOID.primaryItemIdentifier,
                    description: tag.format == .blank
                        ? "blank tag: it holds no item barcode"
                        : "no primary item identifier (OID 1) on the tag"))
        }
        // `typeOfUsage` comes from the ISO 28560-3 details or an OID 5 element; with neither
        // it is nil, and the loop above has already seen every element.
        let isPart3 = tag.part3?.typeOfUsage != nil  // reads one field, no copy of the details
        if hasTypeOfUsageElement || isPart3, let usage = tag.typeOfUsage, usage >> 4 == 0x8 {
            violations.append(
                PrivacyViolation(
                    kind: .patronCardUsage, oid: RelativeOID.typeOfUsage, byteOffset: isPart3 ? 0 : nil,
                    description: "type of usage is 'patron card' (8x): RFID is never used for library cards"))
        }
        for block in isPart3 ? tag.part3?.extensionBlocks ?? [] : [] {
            violations.append(
                PrivacyViolation(
                    kind: .extensionBlock, byteOffset: block.byteOffset,
                    description: "ISO 28560-3 extension block \(block.id) (\(block.name)) at byte \(block.byteOffset)"))
        }
        if let first = tag.nonEmptyPadOffsets.first {
            violations.append(
                PrivacyViolation(
                    kind: .hiddenBytes, byteOffset: first,
                    description: "\(tag.nonEmptyPadOffsets.count) pad byte(s) from byte \(first) hold data that decoders skip"))
        }
        appendFixedFieldTails(of: tag, to: &violations)
        appendDataAfterEnd(of: tag, to: &violations)
        return PrivacyVerdict(violations: violations)
    }

    /// Fixed-length identifier fields are NUL padded; anything after the first NUL is invisible
    /// to a normal reader but still on the tag.
    static func appendFixedFieldTails(of tag: DecodedTag, to violations: inout [PrivacyViolation]) {
        let field: Range<Int>
        switch tag.format {
        case .iso28560_3: field = 3..<19
        case .legacy3M: field = 4..<20
        default: return
        }
        guard tag.memory.count >= field.upperBound, let nul = tag.memory[field].firstIndex(of: 0) else { return }
        if let hidden = tag.memory[nul..<field.upperBound].firstIndex(where: { $0 != 0 }) {
            violations.append(
                PrivacyViolation(
                    kind: .hiddenBytes, oid: RelativeOID.primaryItemIdentifier, byteOffset: hidden,
                    description: "bytes after the end of the item identifier field's text, from byte \(hidden), are not empty"))
        }
    }

    static func appendDataAfterEnd(of tag: DecodedTag, to violations: inout [PrivacyViolation]) {
        guard tag.format != .blank, tag.endOfData < tag.memory.count else { return }
        // The usual case, an empty tail, is checked with one branch-free pass, eight bytes a load.
        let tailIsEmpty = tag.memory.withUnsafeBytes { allZero($0, from: max(0, tag.endOfData)) }
        if tailIsEmpty { return }
        var first: Int? = nil
        var count = 0
        for index in tag.endOfData..<tag.memory.count where tag.memory[index] != 0 {
            if first == nil { first = index }
            count += 1
        }
        if let first {
            violations.append(
                PrivacyViolation(
                    kind: .dataAfterEnd, byteOffset: first,
                    description: "\(count) non-zero byte(s) after the end of data (byte \(tag.endOfData)), the first at byte \(first)"))
        }
    }

    /// Whether every byte from `start` on is zero. Whole 8-byte words only, at aligned offsets:
    /// the word holding `start` has the bytes before `start` shifted out, and a last partial
    /// word is read as the memory's final eight bytes with the already-checked ones shifted out.
    static func allZero(_ raw: UnsafeRawBufferPointer, from start: Int) -> Bool {
        let count = raw.count
        guard start < count else { return true }
        guard count >= 8 else {
            var bits: UInt8 = 0
            for index in start..<count { bits |= raw[index] }
            return bits == 0
        }
        // Little-endian view of each word: byte i of the word is bits 8i..8i+7.
        func word(at offset: Int) -> UInt64 {
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let headStart = min(start & ~7, count - 8)
        var bits = word(at: headStart) >> UInt64(8 * (start - headStart))
        var index = headStart + 8
        // Four independent accumulators, so the loads need not wait for one another.
        var (a, b, c, d): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        while count - index >= 32 {
            a |= word(at: index)
            b |= word(at: index &+ 8)
            c |= word(at: index &+ 16)
            d |= word(at: index &+ 24)
            index &+= 32
        }
        bits |= a | b | c | d
        while count - index >= 8 {
            bits |= word(at: index)
            index &+= 8
        }
        if index < count {
            // 1 to 7 bytes left: the last word, minus its bytes before `index` (already seen).
            bits |= word(at: count - 8) >> UInt64(8 * (index - (count - 8)))
        }
        return bits == 0
    }

    /// The full user-memory image to write for an item barcode, after the policy accepted it.
    /// The image is decoded and judged again before it is returned, so a codec bug can never put
    /// a non-compliant image on a tag.
    public static func imageForWriting(
        barcode: String, format: TagFormat = .iso28560_2, blockSize: Int, blockCount: Int,
        policy: BarcodePolicy = .default
    ) throws -> [UInt8] {
        try policy.check(barcode)
        let image: [UInt8]
        switch format {
        case .iso28560_2:
            image = try ISO28560Part2.encode(primaryItemIdentifier: barcode, blockSize: blockSize, blockCount: blockCount)
        case .iso28560_3:
            image = try ISO28560Part3.encode(primaryItemIdentifier: barcode, blockSize: blockSize, blockCount: blockCount)
        case .legacy3M, .blank:
            throw TagCodecError(.unencodable, "the \(format.rawValue) format is never written")
        }
        let check = verdict(for: try TagDecoder.decode(image, dsfid: format.dsfid), policy: policy)
        guard check.compliant, (try TagDecoder.decode(image, dsfid: format.dsfid)).primaryItemIdentifier == barcode else {
            throw TagCodecError(.unencodable, "internal check failed: the encoded image does not read back as the barcode alone")
        }
        return image
    }
}
