/// Integer compaction: a digit string as one big-endian unsigned number. Barcodes of up to 19
/// digits fit a UInt64, which is the path every real library barcode takes; longer values go
/// through a byte-wise base conversion so nothing the standard allows is refused.
extension Compaction {
    static func decodeInteger(_ bytes: ArraySlice<UInt8>) throws(CompactionError) -> String {
        guard !bytes.isEmpty else { throw CompactionError(reason: "integer element has no bytes") }
        if bytes.count <= 8 {
            var value: UInt64 = 0
            for byte in bytes { value = value << 8 | UInt64(byte) }
            return decimalString(value)
        }
        var start = bytes.startIndex
        while start < bytes.endIndex - 1, bytes[start] == 0 { start += 1 }
        let significant = bytes[start...]
        if significant.count <= 8 {
            var value: UInt64 = 0
            for byte in significant { value = value << 8 | UInt64(byte) }
            return decimalString(value)
        }
        // Long division of the base-256 number by 10, collecting remainders as digits.
        var number = Array(significant)
        var digits: [UInt8] = []
        digits.reserveCapacity(number.count * 3)
        while !number.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            quotient.reserveCapacity(number.count)
            for byte in number {
                let current = remainder << 8 | Int(byte)
                let q = current / 10
                remainder = current % 10
                if !quotient.isEmpty || q != 0 { quotient.append(UInt8(q)) }
            }
            digits.append(UInt8(ascii: "0") + UInt8(remainder))
            number = quotient
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// Decimal digits written straight into the string's storage: every tag a gate sees goes
    /// through here. A barcode (below 10^16) is split once into two 8-digit halves, and each
    /// half becomes its eight ASCII digits in one 64-bit word with a handful of multiplications
    /// (`eightDigits`) instead of a chain of divisions that each wait for the last. A barcode
    /// fits a small (inline) string, which this initializer fills without the separate
    /// validation pass that building a string from a byte buffer costs.
    static func decimalString(_ value: UInt64) -> String {
        guard value < 10_000_000_000_000_000 else { return longDecimalString(value) }
        let high = UInt32(truncatingIfNeeded: value / 100_000_000)
        let low = UInt32(truncatingIfNeeded: value % 100_000_000)
        if high == 0 {
            let count = digitCount(low)
            // Only the last `count` lanes hold digits; shift them down to the first lanes.
            let word = eightDigits(low) >> UInt64(8 * (8 - count))
            return String(unsafeUninitializedCapacity: count) { buffer in
                for index in 0..<count { buffer[index] = UInt8(truncatingIfNeeded: word >> UInt64(8 * index)) }
                return count
            }
        }
        let highCount = digitCount(high)
        let highWord = eightDigits(high) >> UInt64(8 * (8 - highCount))
        let lowWord = eightDigits(low)
        return String(unsafeUninitializedCapacity: highCount + 8) { buffer in
            // highCount + 8 >= 9 bytes: the first store's spare lanes are overwritten by the second.
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.storeBytes(of: highWord.littleEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: lowWord.littleEndian, toByteOffset: highCount, as: UInt64.self)
            return highCount + 8
        }
    }

    /// Digits of a value below 10^8 (at least one).
    @inline(__always)
    static func digitCount(_ value: UInt32) -> Int {
        if value < 10_000 {
            return value < 100 ? (value < 10 ? 1 : 2) : (value < 1_000 ? 3 : 4)
        }
        return value < 1_000_000 ? (value < 100_000 ? 5 : 6) : (value < 10_000_000 ? 7 : 8)
    }

    /// The eight decimal digits (zero-padded) of a value below 10^8 as ASCII, one per byte
    /// lane, the first digit in the lowest lane (so a little-endian store writes them in order).
    /// Each step splits every lane in two at once: 32-bit lanes by 10^4, 16-bit lanes by 100,
    /// 8-bit lanes by 10. The divisions by 100 and 10 are multiply-and-shift: exact for the lane
    /// values that occur (below 10^4 and below 100), and no product reaches the next lane.
    @inline(__always)
    static func eightDigits(_ value: UInt32) -> UInt64 {
        let upper = value / 10_000
        var lanes = UInt64(upper) | UInt64(value &- upper &* 10_000) << 32
        let hundreds = ((lanes &* 10_486) >> 20) & 0x0000_007F_0000_007F
        lanes = hundreds | (lanes &- hundreds &* 100) << 16
        let tens = ((lanes &* 103) >> 10) & 0x000F_000F_000F_000F
        lanes = tens | (lanes &- tens &* 10) << 8
        return lanes | 0x3030_3030_3030_3030
    }

    /// Values of 17 to 20 digits: not a barcode any library prints, but the standard allows them.
    static func longDecimalString(_ value: UInt64) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var rest = value
        repeat {
            digits.append(UInt8(truncatingIfNeeded: rest % 10) &+ 0x30)
            rest /= 10
        } while rest > 0
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// The value of a digit string integer compaction takes whole, as a UInt64: at most 19
    /// digits, no leading zero (which integer compaction cannot keep). Nil otherwise.
    static func smallIntegerValue(_ text: String) -> UInt64? {
        let utf8 = text.utf8
        guard let first = utf8.first, first != UInt8(ascii: "0"), utf8.count <= 19 else { return nil }
        var value: UInt64 = 0
        for c in utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return nil }
            value = value &* 10 &+ UInt64(c &- UInt8(ascii: "0"))
        }
        return value
    }

    static func encodeInteger(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
        guard let first = utf8.first, first != UInt8(ascii: "0") else { return nil }
        for c in utf8 where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { return nil }
        if utf8.count <= 19 {
            var value: UInt64 = 0
            for c in utf8 { value = value * 10 + UInt64(c - UInt8(ascii: "0")) }
            var out: [UInt8] = []
            out.reserveCapacity(8)
            var shift = 56
            while shift >= 0 {
                let byte = UInt8(truncatingIfNeeded: value >> UInt64(shift))
                if byte != 0 || !out.isEmpty { out.append(byte) }
                shift -= 8
            }
            return out
        }
        // Multiply-and-add in base 256, least significant byte first, then reverse.
        var little: [UInt8] = [0]
        for c in utf8 {
            var carry = Int(c - UInt8(ascii: "0"))
            for i in little.indices {
                let v = Int(little[i]) * 10 + carry
                little[i] = UInt8(v & 0xFF)
                carry = v >> 8
            }
            while carry > 0 {
                little.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return Array(little.reversed())
    }
}

/// Numeric compaction: one decimal digit per nibble, an odd count closed by nibble F.
extension Compaction {
    static func decodeNumeric(_ bytes: ArraySlice<UInt8>) throws(CompactionError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        let last = bytes.count - 1
        for (index, byte) in bytes.enumerated() {
            let high = byte >> 4
            let low = byte & 0x0F
            guard high <= 9 else {
                throw CompactionError(reason: "numeric byte \(index) holds a nibble that is not a digit")
            }
            out.append(UInt8(ascii: "0") + high)
            if low <= 9 {
                out.append(UInt8(ascii: "0") + low)
            } else if low != 0x0F || index != last {
                // Only the very last nibble may be the pad nibble F.
                throw CompactionError(reason: "numeric byte \(index) holds a nibble that is not a digit")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func encodeNumeric(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((utf8.count + 1) / 2)
        var high: UInt8? = nil
        for c in utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return nil }
            let digit = c - UInt8(ascii: "0")
            if let h = high {
                out.append(h << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        if let h = high { out.append(h << 4 | 0x0F) }
        return out
    }
}
