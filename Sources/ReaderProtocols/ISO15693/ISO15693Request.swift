import ReaderCore

/// Raw ISO/IEC 15693-3 request frames (flags, command, [manufacturer], [UID], parameters),
/// without the air CRC: readers that pass requests through untouched (the TI EVM's request
/// mode, a PC/SC transparent session) add the CRC themselves. UIDs go least significant byte
/// first, as on the air.
public enum ISO15693Request {
    /// Request flag bits (ISO/IEC 15693-3 table 3 and 4).
    public enum Flag {
        public static let twoSubcarriers: UInt8 = 0x01
        public static let highDataRate: UInt8 = 0x02
        public static let inventory: UInt8 = 0x04
        public static let protocolExtension: UInt8 = 0x08
        /// Without the inventory flag.
        public static let select: UInt8 = 0x10
        public static let addressed: UInt8 = 0x20
        public static let option: UInt8 = 0x40
        /// With the inventory flag.
        public static let afiPresent: UInt8 = 0x10
        public static let oneSlot: UInt8 = 0x20
    }

    public enum Command: UInt8, Sendable {
        case inventory = 0x01
        case readSingleBlock = 0x20, writeSingleBlock = 0x21, readMultipleBlocks = 0x23
        case writeMultipleBlocks = 0x24, writeAFI = 0x27, writeDSFID = 0x29, getSystemInformation = 0x2B
        /// NXP ICODE custom commands; a manufacturer code byte (0x04) follows the command.
        case nxpSetEAS = 0xA2, nxpResetEAS = 0xA3, nxpEASAlarm = 0xA5

        public var isCustom: Bool { rawValue >= 0xA0 }
        /// Commands that change the tag (option-flag timing, write verification).
        public var writes: Bool {
            switch self {
            case .writeSingleBlock, .writeMultipleBlocks, .writeAFI, .writeDSFID, .nxpSetEAS, .nxpResetEAS: true
            default: false
            }
        }
    }

    public static let nxpManufacturer: UInt8 = 0x04

    /// Inventory: `flags 01 [AFI] <mask length in bits> <mask, LSB first>`.
    public static func inventory(afi: UInt8?, maskBits: Int = 0, mask: UInt64 = 0, oneSlot: Bool, dataRate: UInt8) -> [UInt8] {
        var flags = Flag.inventory | dataRate
        if oneSlot { flags |= Flag.oneSlot }
        if afi != nil { flags |= Flag.afiPresent }
        var frame: [UInt8] = [flags, Command.inventory.rawValue]
        if let afi { frame.append(afi) }
        let bits = max(0, min(64, maskBits))
        frame.append(UInt8(bits))
        for i in 0..<((bits + 7) / 8) { frame.append(UInt8(truncatingIfNeeded: mask >> (8 * UInt64(i)))) }
        return frame
    }

    /// An addressed (or, with `uid == nil`, non-addressed) request.
    public static func frame(
        _ command: Command, uid: TagUID?, parameters: [UInt8] = [], dataRate: UInt8, option: Bool = false
    ) -> [UInt8] {
        var flags = dataRate
        if uid != nil { flags |= Flag.addressed }
        if option { flags |= Flag.option }
        var frame: [UInt8] = [flags, command.rawValue]
        if command.isCustom { frame.append(nxpManufacturer) }
        if let uid { frame += uid.leastSignificantFirst }
        return frame + parameters
    }

    /// Read Multiple Blocks carries the block count minus one.
    public static func readMultiple(uid: TagUID, first: UInt8, count: Int, dataRate: UInt8) -> [UInt8] {
        frame(.readMultipleBlocks, uid: uid, parameters: [first, UInt8(truncatingIfNeeded: count - 1)], dataRate: dataRate)
    }

    public static func writeSingle(uid: TagUID, block: UInt8, data: [UInt8], dataRate: UInt8, option: Bool) -> [UInt8] {
        frame(.writeSingleBlock, uid: uid, parameters: [block] + data, dataRate: dataRate, option: option)
    }

    public static func writeMultiple(uid: TagUID, first: UInt8, count: Int, data: [UInt8], dataRate: UInt8, option: Bool) -> [UInt8] {
        frame(
            .writeMultipleBlocks, uid: uid, parameters: [first, UInt8(truncatingIfNeeded: count - 1)] + data,
            dataRate: dataRate, option: option)
    }
}
