/// CRC-16/CCITT-FALSE, the check ISO 28560-3 puts in the basic block. The codec keeps its own
/// copy instead of borrowing the reader layer's, so the codec stays free of any I/O module.
public enum CRC16CCITT {
    static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? crc << 1 ^ 0x1021 : crc << 1 }
        return crc
    }

    public static func checksum<S: Sequence>(_ bytes: S, initial: UInt16 = 0xFFFF) -> UInt16 where S.Element == UInt8 {
        table.withUnsafeBufferPointer { table in
            var crc = initial
            for byte in bytes { crc = crc << 8 ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)] }
            return crc
        }
    }
}
