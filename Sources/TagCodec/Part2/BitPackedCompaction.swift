/// The 5-, 6- and 7-bit schemes pack characters into a bit stream. They differ only in width,
/// the characters allowed and how the last byte is padded, so one packer and one reader serve all.
extension Compaction {
    enum Padding {
        /// 5-bit: zero bits (a whole zero group is never a character, so it reads as padding).
        case zeros
        /// 6-bit: a single 1 bit then zeros (a whole group of pad reads as 0x20 and is dropped).
        case oneThenZeros
        /// 7-bit: 1 bits (a whole group of pad reads as 0x7F and is dropped).
        case ones
    }

    static func encodeBits(_ text: String, width: Int, allowed: ClosedRange<UInt8>, pad: Padding) -> [UInt8]? {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return nil }
        let mask = UInt32(1) << UInt32(width) - 1
        var out: [UInt8] = []
        out.reserveCapacity((utf8.count * width + 7) / 8)
        var accumulator: UInt32 = 0
        var bits = 0
        for c in utf8 {
            guard allowed.contains(c) else { return nil }
            accumulator = accumulator << UInt32(width) | (UInt32(c) & mask)
            bits += width
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits - 8)))
                bits -= 8
            }
            accumulator &= (UInt32(1) << UInt32(bits)) - 1
        }
        if bits == 0, let last = utf8.last, pad != .zeros, UInt32(last) & mask == padGroup(pad, width: width) {
            // The last character fills the last byte exactly and looks like a whole group of
            // pad: a decoder would drop it, so this scheme cannot carry the text faithfully.
            return nil
        }
        if bits > 0 {
            let padBits = 8 - bits
            let padValue: UInt32
            switch pad {
            case .zeros: padValue = 0
            case .oneThenZeros: padValue = UInt32(1) << UInt32(padBits - 1)
            case .ones: padValue = (UInt32(1) << UInt32(padBits)) - 1
            }
            out.append(UInt8(truncatingIfNeeded: accumulator << UInt32(padBits) | padValue))
        }
        return out
    }

    static func padGroup(_ pad: Padding, width: Int) -> UInt32 {
        switch pad {
        case .zeros: 0
        case .oneThenZeros: UInt32(1) << UInt32(width - 1)
        case .ones: (UInt32(1) << UInt32(width)) - 1
        }
    }

    /// Splits the bytes into whole groups of `width` bits; trailing bits shorter than a group are
    /// padding and are ignored.
    static func groups(_ bytes: ArraySlice<UInt8>, width: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 8 / width)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bits += 8
            while bits >= width {
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits - width)) & UInt8((1 << width) - 1))
                bits -= width
            }
            accumulator &= (UInt32(1) << UInt32(bits)) - 1
        }
        return out
    }

    static func decodeFiveBit(_ bytes: ArraySlice<UInt8>) throws(CompactionError) -> String {
        var values = groups(bytes, width: 5)
        while values.last == 0 { values.removeLast() }
        if let zero = values.firstIndex(of: 0) {
            throw CompactionError(reason: "5-bit character \(zero) is zero, which no character encodes")
        }
        return String(decoding: values.map { $0 | 0x40 }, as: UTF8.self)
    }

    static func decodeSixBit(_ bytes: ArraySlice<UInt8>) -> String {
        var values = groups(bytes, width: 6)
        // A whole group of pad is only possible when the groups fill the bytes exactly.
        if values.last == 0x20, (bytes.count * 8) % 6 == 0 { values.removeLast() }
        return String(decoding: values.map { $0 & 0x20 != 0 ? $0 : $0 | 0x40 }, as: UTF8.self)
    }

    static func decodeSevenBit(_ bytes: ArraySlice<UInt8>) -> String {
        var values = groups(bytes, width: 7)
        if values.last == 0x7F, (bytes.count * 8) % 7 == 0 { values.removeLast() }
        return String(decoding: values, as: UTF8.self)
    }
}
