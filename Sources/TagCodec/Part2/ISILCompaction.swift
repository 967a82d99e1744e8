/// ISIL compaction (ISO 28560-2 annex for owner and ILL institution codes): three character
/// sets of 5, 5 and 4 bits with latch and shift codes. This codec never writes an ISIL to a tag
/// (the privacy policy forbids an owner code), but it must read the ones old tags carry, and the
/// encoder exists so tests can round-trip the decoder.
public enum ISILCompaction {
    enum CharacterSet { case upper, lower, numeric }

    public static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let totalBits = bytes.count * 8
        var position = 0
        var mode = CharacterSet.upper
        var shifted: CharacterSet? = nil
        var out: [UInt8] = []
        func read(_ width: Int) -> UInt8? {
            guard position + width <= totalBits else { return nil }
            var value: UInt8 = 0
            for _ in 0..<width {
                let byte = bytes[bytes.startIndex + position / 8]
                value = value << 1 | (byte >> UInt8(7 - position % 8)) & 1
                position += 1
            }
            return value
        }
        while true {
            let set = shifted ?? mode
            shifted = nil
            guard let code = read(set == .numeric ? 4 : 5) else { break }
            switch set {
            case .upper, .lower:
                switch code {
                case 0: out.append(UInt8(ascii: "-"))
                case 1...26: out.append((set == .upper ? UInt8(ascii: "A") : UInt8(ascii: "a")) + code - 1)
                case 27: out.append(set == .upper ? UInt8(ascii: ":") : UInt8(ascii: "/"))
                case 28: mode = set == .upper ? .lower : .upper
                case 29: shifted = set == .upper ? .lower : .upper
                case 30: mode = .numeric
                default: shifted = .numeric
                }
            case .numeric:
                switch code {
                case 0...9: out.append(UInt8(ascii: "0") + code)
                case 10: out.append(UInt8(ascii: "-"))
                case 11: out.append(UInt8(ascii: ":"))
                case 12: mode = .upper
                case 13: shifted = .upper
                case 14: mode = .lower
                default: shifted = .lower
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes an ISIL, or nil when it holds a character none of the sets has.
    public static func encode(_ isil: String) -> [UInt8]? {
        let chars = Array(isil.utf8)
        var bits: [(value: UInt8, width: Int)] = []
        var mode = CharacterSet.upper
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if code(of: c, in: mode) != nil {
                bits.append((code(of: c, in: mode)!, mode == .numeric ? 4 : 5))
                index += 1
                continue
            }
            guard let target = [CharacterSet.upper, .lower, .numeric].first(where: { code(of: c, in: $0) != nil }) else {
                return nil
            }
            var run = 0
            while index + run < chars.count, code(of: chars[index + run], in: target) != nil { run += 1 }
            let width = mode == .numeric ? 4 : 5
            if run >= 2 {
                bits.append((switchCode(from: mode, to: target, latch: true), width))
                mode = target
            } else {
                bits.append((switchCode(from: mode, to: target, latch: false), width))
                bits.append((code(of: c, in: target)!, target == .numeric ? 4 : 5))
                index += 1
            }
        }
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var count = 0
        for (value, width) in bits {
            accumulator = accumulator << UInt32(width) | UInt32(value)
            count += width
            while count >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(count - 8)))
                count -= 8
            }
            accumulator &= (UInt32(1) << UInt32(count)) - 1
        }
        if count > 0 {
            let pad = 8 - count
            out.append(UInt8(truncatingIfNeeded: accumulator << UInt32(pad) | (UInt32(1) << UInt32(pad) - 1)))
        }
        return out
    }

    private static func code(of c: UInt8, in set: CharacterSet) -> UInt8? {
        switch set {
        case .upper:
            if c == UInt8(ascii: "-") { return 0 }
            if c == UInt8(ascii: ":") { return 27 }
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) { return c - UInt8(ascii: "A") + 1 }
        case .lower:
            if c == UInt8(ascii: "-") { return 0 }
            if c == UInt8(ascii: "/") { return 27 }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) { return c - UInt8(ascii: "a") + 1 }
        case .numeric:
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { return c - UInt8(ascii: "0") }
            if c == UInt8(ascii: "-") { return 10 }
            if c == UInt8(ascii: ":") { return 11 }
        }
        return nil
    }

    private static func switchCode(from: CharacterSet, to: CharacterSet, latch: Bool) -> UInt8 {
        switch (from, to) {
        case (.upper, .lower), (.lower, .upper): latch ? 28 : 29
        case (.upper, .numeric), (.lower, .numeric): latch ? 30 : 31
        case (.numeric, .upper): latch ? 12 : 13
        case (.numeric, .lower): latch ? 14 : 15
        default: 0
        }
    }
}
