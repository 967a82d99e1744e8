/// The ISO 28560-2 compaction schemes as pure byte transforms. Decoding is tolerant of the
/// padding variants the standard allows; encoding is exact, because a tag we write must read the
/// same in every other vendor's system.
public enum Compaction {
    /// Decodes compacted bytes as text. Application-defined data has no text form and is refused
    /// here; the element decoder handles it (content parameter, ISIL, raw bytes).
    public static func decode(_ bytes: ArraySlice<UInt8>, scheme: CompactionScheme) throws(CompactionError) -> String {
        switch scheme {
        case .integer: return try decodeInteger(bytes)
        case .numeric: return try decodeNumeric(bytes)
        case .fiveBit: return try decodeFiveBit(bytes)
        case .sixBit: return decodeSixBit(bytes)
        case .sevenBit: return decodeSevenBit(bytes)
        case .octet: return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CompactionError(reason: "bytes are not valid UTF-8")
            }
            return text
        case .applicationDefined:
            throw CompactionError(reason: "application-defined data has no text form")
        }
    }

    /// Encodes text in one scheme, or nil when the scheme cannot represent it.
    public static func encode(_ text: String, scheme: CompactionScheme) -> [UInt8]? {
        switch scheme {
        case .integer: return encodeInteger(text)
        case .numeric: return encodeNumeric(text)
        case .fiveBit: return encodeBits(text, width: 5, allowed: 0x41...0x5F, pad: .zeros)
        case .sixBit: return encodeBits(text, width: 6, allowed: 0x20...0x5F, pad: .oneThenZeros)
        case .sevenBit: return encodeBits(text, width: 7, allowed: 0x00...0x7F, pad: .ones)
        case .octet:
            var out: [UInt8] = []
            out.reserveCapacity(text.unicodeScalars.count)
            for scalar in text.unicodeScalars {
                guard scalar.value <= 0xFF else { return nil }
                out.append(UInt8(scalar.value))
            }
            return out
        case .utf8: return Array(text.utf8)
        case .applicationDefined: return nil
        }
    }

    /// The order encoders try schemes in; on equal length the earlier one wins, as the standard
    /// lists them from most to least specific.
    public static let preference: [CompactionScheme] = [.integer, .numeric, .fiveBit, .sixBit, .sevenBit, .octet, .utf8]

    /// The shortest encoding of the text, and the scheme that produced it.
    public static func mostCompact(_ text: String) -> (scheme: CompactionScheme, bytes: [UInt8]) {
        // Digit strings, i.e. nearly every barcode: integer needs at most as many bytes as numeric
        // and fewer than any character scheme, and numeric beats the character schemes when a
        // leading zero rules integer out.
        if let bytes = encodeInteger(text) { return (.integer, bytes) }
        if let bytes = encodeNumeric(text) { return (.numeric, bytes) }
        var best: (scheme: CompactionScheme, bytes: [UInt8])? = nil
        for scheme in preference {
            guard let bytes = encode(text, scheme: scheme) else { continue }
            if best == nil || bytes.count < best!.bytes.count { best = (scheme, bytes) }
        }
        // UTF-8 encodes every string, so `best` is always set here.
        return best ?? (.utf8, Array(text.utf8))
    }
}

/// Why compacted bytes could not be decoded. The element decoder adds the byte offset and OID.
public struct CompactionError: Error, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
