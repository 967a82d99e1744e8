/// SIP2 error detection: the checksum is the two's complement of the 16-bit sum of every byte
/// from the message's first character through the `AZ` of its trailer.
public enum SIP2Checksum {
    public enum Verdict: Sendable, Equatable {
        /// The message carries no `AZ` trailer (error detection off): accepted as is.
        case absent
        case valid
        case invalid
    }

    /// The checksum of `bytes`, as a number.
    @inline(__always)
    public static func compute(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        var sum: UInt32 = 0
        for b in bytes { sum &+= UInt32(b) }
        return UInt16(truncatingIfNeeded: 0 &- sum)
    }

    /// Four upper-case hex digits, as a message trailer writes them.
    public static func text(of bytes: [UInt8]) -> String {
        let value = bytes.withUnsafeBytes { compute($0) }
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: (0..<4).map { digits[Int((value >> UInt16(12 - 4 * $0)) & 0xF)] }, as: UTF8.self)
    }

    /// Value of a hex digit (either case), or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt16? {
        switch b {
        case 48...57: UInt16(b - 48)
        case 65...70: UInt16(b - 55)
        case 97...102: UInt16(b - 87)
        default: nil
        }
    }
}
