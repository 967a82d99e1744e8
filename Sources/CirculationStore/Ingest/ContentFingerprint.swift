/// A 128-bit fingerprint of file content, used to recognise a log file that was already
/// ingested (also after it was renamed, copied or rotated). `keyed` is what the ledger records:
/// a log line can hold a patron number, and an unkeyed hash of a short head or tail could be
/// matched by trying every candidate number; under the store's secret it cannot. `hex(of:)`,
/// unkeyed, is how ledger entries recorded before migration v3 were written, and is only used
/// to recognise those.
public enum ContentFingerprint {
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a offset basis
        var b: UInt64 = 0x9E37_79B9_7F4A_7C15
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b &+ UInt64(byte)) &* 0xBF58_476D_1CE4_E5B9
            b ^= b >> 29
        }
        b ^= UInt64(truncatingIfNeeded: bytes.count)
        return hex64(a) + hex64(b)
    }

    static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    /// The ledger's fingerprint since migration v3: the first 128 bits of HMAC-SHA-256 under
    /// the store's secret, written with the letters a-p like `hex(of:)`.
    public static func keyed(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> String {
        let code = HMACSHA256.authenticationCode(key: key, message: bytes)
        var value0: UInt64 = 0
        var value1: UInt64 = 0
        for k in 0..<8 {
            value0 = value0 << 8 | UInt64(code[k])
            value1 = value1 << 8 | UInt64(code[8 + k])
        }
        return hex64(value0) + hex64(value1)
    }

    /// Written with the letters a-p instead of hex digits: a fingerprint then never contains a
    /// run of decimal digits that the privacy audit could mistake for a card number.
    private static func hex64(_ value: UInt64) -> String {
        let digits = Array("abcdefghijklmnop".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 {
            out[15 - i] = digits[Int((value >> (UInt64(i) * 4)) & 0xF)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
