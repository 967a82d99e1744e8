/// The one entry point callers use: picks the format from the DSFID, and from the content when
/// the DSFID is 0x00, unknown or simply wrong (tags written by careless encoders are common).
public enum TagDecoder {
    /// The format the memory is in. The DSFID is trusted only when the content agrees with it.
    public static func detectFormat(_ memory: [UInt8], dsfid: UInt8? = nil) -> TagFormat? {
        if BlankTag.isBlank(memory) { return .blank }
        switch dsfid {
        case ISO28560Part2.dsfid? where (try? ISO28560Part2.decode(memory, dsfid: dsfid)) != nil: return .iso28560_2
        case ISO28560Part3.dsfid? where ISO28560Part3.findBasicBlock(memory) != nil: return .iso28560_3
        default: break
        }
        if ISO28560Part3.findBasicBlock(memory) != nil { return .iso28560_3 }
        if Legacy3M.looksLikeLegacy(memory) { return .legacy3M }
        if let tag = try? ISO28560Part2.decode(memory, dsfid: dsfid), !tag.elements.isEmpty { return .iso28560_2 }
        if dsfid == ISO28560Part3.dsfid, memory.count >= 32 { return .iso28560_3 }
        return nil
    }

    public static func decode(_ memory: [UInt8], dsfid: UInt8? = nil) throws(TagCodecError) -> DecodedTag {
        // The common case first: a well-formed ISO 28560-2 tag with its DSFID, decoded once.
        if dsfid == ISO28560Part2.dsfid, !BlankTag.isBlank(memory), let tag = try? ISO28560Part2.decode(memory, dsfid: dsfid) {
            return tag
        }
        guard let format = detectFormat(memory, dsfid: dsfid) else {
            if dsfid == ISO28560Part2.dsfid { _ = try ISO28560Part2.decode(memory, dsfid: dsfid) }
            throw TagCodecError(
                .unknownFormat,
                "the memory matches no known format (ISO 28560-2, ISO 28560-3, 3M legacy, blank)"
                    + (dsfid.map { " and does not decode as its DSFID 0x\(hex($0)) says" } ?? ""))
        }
        var tag: DecodedTag
        switch format {
        case .blank: tag = BlankTag.decode(memory, dsfid: dsfid)
        case .iso28560_2: tag = try ISO28560Part2.decode(memory, dsfid: dsfid)
        case .iso28560_3: tag = try ISO28560Part3.decode(memory, dsfid: dsfid)
        case .legacy3M: tag = try Legacy3M.decode(memory, dsfid: dsfid)
        }
        if let dsfid, dsfid != format.dsfid, format != .blank {
            tag.notes.append("DSFID 0x\(hex(dsfid)) does not match the content; decoded as \(format.rawValue)")
        }
        return tag
    }

    static func hex(_ byte: UInt8) -> String {
        let s = String(byte, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }
}
