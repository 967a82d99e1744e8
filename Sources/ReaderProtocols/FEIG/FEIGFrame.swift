import RFIDCommon

/// One FEIG ISO Host frame. `payload` is everything between COM-ADR and the CRC: for a request
/// CMD then data, for a reply CMD, STATUS, then data. Keeping direction out of the frame lets
/// one scanner serve the driver (reading replies) and the emulator (reading requests).
public struct FEIGFrame: Sendable, Equatable {
    public static let broadcastAddress: UInt8 = 0xFF
    /// Advanced frames carry a 16-bit length; longer frames are refused as garbage.
    public static let maximumAdvancedLength = 4096

    public var address: UInt8
    public var payload: [UInt8]
    public var advanced: Bool

    public init(address: UInt8 = FEIGFrame.broadcastAddress, payload: [UInt8], advanced: Bool = false) {
        self.address = address
        self.payload = payload
        self.advanced = advanced
    }

    /// A standard frame when it fits in 255 bytes (and advanced was not asked for), else advanced.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8]
        if !advanced && payload.count + 4 <= 255 {
            bytes = [UInt8(payload.count + 4), address] + payload
        } else {
            let length = payload.count + 6
            bytes = [0x02, UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length), address] + payload
        }
        let crc = CRC16.mcrf4xx(bytes)
        bytes.append(UInt8(crc & 0xFF))
        bytes.append(UInt8(crc >> 8))
        return bytes
    }

    public var command: UInt8? { payload.first }
}

/// FEIG framing rules for `FrameAssembler`.
public enum FEIGScanner: FrameScanner {
    public static func scan(_ bytes: ArraySlice<UInt8>) -> FrameScan<FEIGFrame> {
        guard let first = bytes.first else { return .needMore }
        let base = bytes.startIndex
        let length: Int
        let header: Int
        let advanced = first == 0x02
        if advanced {
            guard bytes.count >= 3 else { return .needMore }
            length = Int(bytes[base + 1]) << 8 | Int(bytes[base + 2])
            header = 4
            guard length >= 7, length <= FEIGFrame.maximumAdvancedLength else { return .notAFrame }
        } else {
            length = Int(first)
            header = 2
            guard length >= 5 else { return .notAFrame }
        }
        guard bytes.count >= length else { return .needMore }
        let body = bytes[base..<(base + length - 2)]
        let crc = UInt16(bytes[base + length - 2]) | UInt16(bytes[base + length - 1]) << 8
        guard CRC16.mcrf4xx(body) == crc else { return .checksumMismatch(length: length) }
        let frame = FEIGFrame(
            address: bytes[base + header - 1], payload: Array(bytes[(base + header)..<(base + length - 2)]),
            advanced: advanced)
        return .frame(frame, length: length)
    }
}
