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
    public static func compute(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        // Eight bytes at a time: the bytes of each word are added pairwise into four 16-bit
        // lanes, which are folded into the total before they could overflow. Ingest checks the
        // checksum of every line, so this loop is on the hot path.
        var sum: UInt64 = 0
        var i = 0
        let n = bytes.count
        let lowBytes: UInt64 = 0x00FF_00FF_00FF_00FF
        while n - i >= 8 {
            var lanes: UInt64 = 0
            var rounds = 0
            while n - i >= 8 && rounds < 64 {
                let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                lanes &+= (word & lowBytes) &+ ((word >> 8) & lowBytes)
                i += 8
                rounds += 1
            }
            sum &+= (lanes & 0xFFFF) &+ ((lanes >> 16) & 0xFFFF) &+ ((lanes >> 32) & 0xFFFF) &+ (lanes >> 48)
        }
        while i < n {
            sum &+= UInt64(bytes[i])
            i += 1
        }
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
