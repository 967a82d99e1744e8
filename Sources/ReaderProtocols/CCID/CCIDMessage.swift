/// One USB CCID bulk message (CCID 1.1 section 6): a 10-byte header — message type, data length
/// (4 bytes little-endian), slot, sequence number, three type-specific bytes — then the data.
/// Readers answer each command with one message carrying the same slot and sequence number.
public struct CCIDMessage: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        // Host to reader (bulk OUT).
        case iccPowerOn = 0x62, iccPowerOff = 0x63, getSlotStatus = 0x65, escape = 0x6B, xfrBlock = 0x6F, abort = 0x72
        // Reader to host (bulk IN).
        case dataBlock = 0x80, slotStatus = 0x81, escapeReply = 0x83

        public var fromReader: Bool { rawValue >= 0x80 }
    }

    public static let headerLength = 10
    /// Larger than any short APDU exchange; a longer length field is taken for garbage.
    public static let maximumDataLength = 4096

    public var kind: Kind
    public var slot: UInt8
    public var sequence: UInt8
    /// The three type-specific header bytes: bBWI/wLevelParameter, bPowerSelect, or in replies
    /// bStatus, bError and bChainParameter/bClockStatus.
    public var specific: (UInt8, UInt8, UInt8)
    public var data: [UInt8]

    public init(kind: Kind, slot: UInt8 = 0, sequence: UInt8, specific: (UInt8, UInt8, UInt8) = (0, 0, 0), data: [UInt8] = []) {
        self.kind = kind
        self.slot = slot
        self.sequence = sequence
        self.specific = specific
        self.data = data
    }

    public static func == (a: CCIDMessage, b: CCIDMessage) -> Bool {
        a.kind == b.kind && a.slot == b.slot && a.sequence == b.sequence && a.specific == b.specific && a.data == b.data
    }

    public func encoded() -> [UInt8] {
        let n = UInt32(data.count)
        return [kind.rawValue, UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24), slot, sequence,
            specific.0, specific.1, specific.2] + data
    }

    /// Reply status, for the three reply kinds.
    public var status: CCIDSlotStatus { CCIDSlotStatus(status: specific.0, error: specific.1) }
}

/// CCID framing rules for `FrameAssembler`. CCID has no checksum (USB protects the bulk
/// transfer), so a frame is recognised by a known message type and a sane length.
public enum CCIDScanner: FrameScanner {
    public static func scan(_ bytes: ArraySlice<UInt8>) -> FrameScan<CCIDMessage> {
        let base = bytes.startIndex
        guard let first = bytes.first else { return .needMore }
        guard let kind = CCIDMessage.Kind(rawValue: first) else { return .notAFrame }
        guard bytes.count >= CCIDMessage.headerLength else { return .needMore }
        let length = Int(bytes[base + 1]) | Int(bytes[base + 2]) << 8 | Int(bytes[base + 3]) << 16 | Int(bytes[base + 4]) << 24
        guard length <= CCIDMessage.maximumDataLength else { return .notAFrame }
        let total = CCIDMessage.headerLength + length
        guard bytes.count >= total else { return .needMore }
        let message = CCIDMessage(
            kind: kind, slot: bytes[base + 5], sequence: bytes[base + 6],
            specific: (bytes[base + 7], bytes[base + 8], bytes[base + 9]),
            data: Array(bytes[(base + CCIDMessage.headerLength)..<(base + total)]))
        return .frame(message, length: total)
    }
}
