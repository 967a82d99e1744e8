/// A 128-bit fingerprint of file content, used to recognise a log file that was already
/// ingested (also after it was renamed, copied or rotated). Not a security hash: log files are
/// written by the library's own systems, and what matters is that distinct logs never collide
/// by accident, which two independent 64-bit hashes make vanishingly unlikely.
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
