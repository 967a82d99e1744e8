/// Hex text is how staff, logs and state files carry tag memory and frames, so parsing it must
/// tolerate the separators people type (spaces, colons, dashes) and reject anything else precisely.
public enum Hex {
    public struct ParseError: UserFacingError, Equatable {
        /// Zero-based character offset of the offending character in the input text.
        public let characterOffset: Int
        public let reason: String
        public init(characterOffset: Int, reason: String) {
            self.characterOffset = characterOffset
            self.reason = reason
        }
        public var exitStatus: ExitStatus { .dataError }
        public var description: String { "invalid hex at character \(characterOffset): \(reason)" }
    }

    /// Parses hex digits, ignoring spaces, tabs, colons, dashes and an optional `0x` prefix.
    public static func decode(_ text: some StringProtocol) throws(ParseError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8? = nil
        var highOffset = 0
        var utf8 = Array(text.utf8)
        var start = 0
        if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] | 0x20 == UInt8(ascii: "x") { start = 2 }
        for index in start..<utf8.count {
            let c = utf8[index]
            let nibble: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = c - UInt8(ascii: "A") + 10
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "\n"),
                UInt8(ascii: "\r"):
                if high != nil {
                    throw ParseError(characterOffset: index, reason: "separator splits a byte in two")
                }
                continue
            default:
                throw ParseError(characterOffset: index, reason: "not a hex digit")
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
                highOffset = index
            }
        }
        utf8.removeAll()
        if high != nil {
            throw ParseError(characterOffset: highOffset, reason: "odd number of hex digits")
        }
        return bytes
    }

    private static let digits = Array("0123456789ABCDEF".utf8)

    /// Upper-case hex with no separators, the form the reference documents and vectors use.
    public static func encode(_ bytes: some Sequence<UInt8>, separator: String = "") -> String {
        var out: [UInt8] = []
        let sep = Array(separator.utf8)
        var first = true
        for b in bytes {
            if !first { out.append(contentsOf: sep) }
            first = false
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
