/// The three CRC-16 variants HF readers use. They differ only in bit order, preset and final
/// XOR, so one bitwise routine per bit order keeps them auditable against the published
/// parameters (CRC RevEng catalogue names) instead of three opaque tables.
public enum CRC16 {
    /// CRC-16/MCRF4XX: FEIG ISO Host frames. Reflected 0x8408, preset 0xFFFF, no final XOR,
    /// sent least significant byte first.
    @inlinable
    public static func mcrf4xx<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        reflected(bytes, preset: 0xFFFF, xorOut: 0x0000)
    }

    /// ISO/IEC 15693 air CRC (CRC-16/X-25 parameters): reflected 0x8408, preset 0xFFFF,
    /// final XOR 0xFFFF, sent least significant byte first.
    @inlinable
    public static func iso15693<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        reflected(bytes, preset: 0xFFFF, xorOut: 0xFFFF)
    }

    /// CRC-16/GENIBUS: 3M 810 frames. Polynomial 0x1021 MSB first, preset 0xFFFF, final XOR
    /// 0xFFFF, sent big-endian.
    @inlinable
    public static func genibus<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc ^ 0xFFFF
    }

    @usableFromInline
    static func reflected<C: Collection>(_ bytes: C, preset: UInt16, xorOut: UInt16) -> UInt16
    where C.Element == UInt8 {
        var crc = preset
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1
            }
        }
        return crc ^ xorOut
    }

    /// Appends an ISO 15693 air CRC, LSB first, as a tag or reader puts it on the air.
    public static func appendingISO15693(_ frame: [UInt8]) -> [UInt8] {
        let crc = iso15693(frame)
        return frame + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }
}
