/// One 3M 810 frame: `D6 LEN_HI LEN_LO payload CRC_HI CRC_LO`, where `payload` is CMD and
/// its fields (a reply's error byte is the first field) and LEN counts payload plus CRC.
public struct ThreeMFrame: Sendable, Equatable {
    public static let startByte: UInt8 = 0xD6
    /// The reader never sends kilobytes; a larger LEN is garbage.
    public static let maximumLength = 2048

    public var payload: [UInt8]

    public init(payload: [UInt8]) { self.payload = payload }

    public var command: UInt8? { payload.first }

    public func encoded() -> [UInt8] {
        let length = payload.count + 2
        let checked = [UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)] + payload
        let crc = CRC16.genibus(checked)
        return [Self.startByte] + checked + [UInt8(crc >> 8), UInt8(crc & 0xFF)]
    }
}

/// 3M 810 framing rules for `FrameAssembler`.
public enum ThreeMScanner: FrameScanner {
    public static func scan(_ bytes: ArraySlice<UInt8>) -> FrameScan<ThreeMFrame> {
        guard let first = bytes.first else { return .needMore }
        guard first == ThreeMFrame.startByte else { return .notAFrame }
        let base = bytes.startIndex
        guard bytes.count >= 3 else { return .needMore }
        let length = Int(bytes[base + 1]) << 8 | Int(bytes[base + 2])
        guard length >= 3, length <= ThreeMFrame.maximumLength else { return .notAFrame }
        let total = length + 3
        guard bytes.count >= total else { return .needMore }
        let checked = bytes[(base + 1)..<(base + total - 2)]
        let crc = UInt16(bytes[base + total - 2]) << 8 | UInt16(bytes[base + total - 1])
        guard CRC16.genibus(checked) == crc else { return .checksumMismatch(length: total) }
        return .frame(ThreeMFrame(payload: Array(bytes[(base + 3)..<(base + total - 2)])), length: total)
    }
}
