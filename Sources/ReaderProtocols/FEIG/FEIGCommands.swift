import ReaderCore

/// Request payloads (CMD and data) for the FEIG ISO Host commands the drivers use. UIDs go
/// MSB first, as the reader expects in addressed mode.
public enum FEIGCommand {
    public static let isoHost: UInt8 = 0xB0
    public static let nxpCustom: UInt8 = 0xB1
    public static let softwareVersion: UInt8 = 0x65
    public static let rfOutput: UInt8 = 0x6A
    public static let setOutputCPR: UInt8 = 0x71
    public static let setOutputISC: UInt8 = 0x72

    public enum ISO: UInt8 {
        case inventory = 0x01, readMultiple = 0x23, writeMultiple = 0x24, writeAFI = 0x27
        case writeDSFID = 0x29, systemInformation = 0x2B
    }

    /// NXP ICODE custom commands, sent as B1 <manufacturer 04> <code>.
    public enum NXP: UInt8 { case setEAS = 0xA2, resetEAS = 0xA3, easAlarm = 0xA5 }

    public static let modeAddressed: UInt8 = 0x01
    /// Inventory mode bit: an AFI byte follows the mode.
    public static let inventoryModeAFI: UInt8 = 0x10

    public static func inventory(afi: UInt8?) -> [UInt8] {
        if let afi { return [isoHost, ISO.inventory.rawValue, inventoryModeAFI, afi] }
        return [isoHost, ISO.inventory.rawValue, 0x00]
    }

    public static func addressed(_ cmd: ISO, _ uid: TagUID, _ tail: [UInt8] = []) -> [UInt8] {
        [isoHost, cmd.rawValue, modeAddressed] + uid.bytes + tail
    }

    public static func readMultiple(uid: TagUID, first: UInt8, count: UInt8) -> [UInt8] {
        addressed(.readMultiple, uid, [first, count])
    }

    public static func writeMultiple(uid: TagUID, first: UInt8, count: UInt8, blockSize: UInt8, data: [UInt8]) -> [UInt8] {
        addressed(.writeMultiple, uid, [first, count, blockSize] + data)
    }

    public static func nxp(_ code: NXP, uid: TagUID?) -> [UInt8] {
        if let uid { return [nxpCustom, 0x04, code.rawValue, modeAddressed] + uid.bytes }
        return [nxpCustom, 0x04, code.rawValue, 0x00]
    }

    /// RF output: 0 = off, 1 or 2 = that antenna on.
    public static func rf(antenna: UInt8) -> [UInt8] { [rfOutput, antenna] }
}

/// A FEIG reply split into its parts, with the status already judged.
public struct FEIGReply: Sendable, Equatable {
    public var command: UInt8
    public var status: FEIGStatus
    public var data: [UInt8]

    public init(command: UInt8, status: FEIGStatus, data: [UInt8]) {
        self.command = command
        self.status = status
        self.data = data
    }

    public init(frame: FEIGFrame, operation: String) throws(ReaderError) {
        guard frame.payload.count >= 2 else {
            throw ReaderError(.protocolViolation, operation: operation, "reply of \(frame.payload.count) bytes has no status byte")
        }
        command = frame.payload[0]
        status = FEIGStatus(frame.payload[1])
        data = Array(frame.payload.dropFirst(2))
    }

    public var payload: [UInt8] { [command, status.byte] + data }

    /// Throws the typed error for a failing status; `tolerated` lists statuses whose data the
    /// caller will still use (0x83 and 0x94 during inventory).
    public func check(_ operation: String, tolerating tolerated: [FEIGStatus] = []) throws(ReaderError) {
        if status == .ok || tolerated.contains(status) { return }
        switch status {
        case .noTransponder:
            throw ReaderError(.noTag, operation: operation, "no tag answered", status: status.byte)
        case .isoError:
            let code = data.first
            let what = code.map { "the tag refused the request (ISO error 0x" + String($0, radix: 16, uppercase: true) + ")" }
            let kind: ReaderError.Kind = code == ISO15693Response.blockNotAvailable ? .blockOutOfRange : .deviceStatus
            throw ReaderError(kind, operation: operation, what ?? "the tag refused the request", status: code ?? status.byte)
        default:
            throw ReaderError(.deviceStatus, operation: operation, status.summary, status: status.byte)
        }
    }
}

/// Parsers for reply data. Each takes the data after STATUS and names the field that is short.
public enum FEIGParse {
    /// Records of TR-TYPE, DSFID, UID (MSB first) after a one-byte record count.
    public static func inventory(_ data: [UInt8]) throws(ReaderError) -> [InventoryItem] {
        let op = "inventory"
        guard let count = data.first else { return [] }
        let needed = 1 + Int(count) * 10
        guard data.count >= needed else {
            throw ReaderError(.protocolViolation, operation: op, "reply lists \(count) tags but holds \(data.count) bytes, need \(needed)")
        }
        var items: [InventoryItem] = []
        for i in 0..<Int(count) {
            let at = 1 + i * 10
            guard let uid = TagUID(bytes: Array(data[(at + 2)..<(at + 10)])) else { continue }
            items.append(InventoryItem(uid: uid, dsfid: data[at + 1]))
        }
        return items
    }

    /// DSFID, UID, AFI, MEM-SIZE (block size - 1, block count - 1), IC-REF.
    public static func systemInformation(_ data: [UInt8]) throws(ReaderError) -> TagSystemInfo {
        guard data.count >= 13, let uid = TagUID(bytes: Array(data[1..<9])) else {
            throw ReaderError(.protocolViolation, operation: "system information", "reply holds \(data.count) bytes, need 13")
        }
        return TagSystemInfo(
            uid: uid, dsfid: data[0], afi: data[9], blockSize: Int(data[10] & 0x1F) + 1,
            blockCount: Int(data[11]) + 1, icReference: data[12])
    }

    /// DB-N, DB-SIZE, then per block a security-status byte and DB-SIZE data bytes.
    public static func blocks(_ data: [UInt8]) throws(ReaderError) -> (blockSize: Int, data: [UInt8], locked: [Bool]) {
        let op = "read blocks"
        guard data.count >= 2 else { throw ReaderError(.protocolViolation, operation: op, "reply holds \(data.count) bytes, need 2") }
        let n = Int(data[0])
        let size = Int(data[1])
        let needed = 2 + n * (size + 1)
        guard data.count >= needed else {
            throw ReaderError(.protocolViolation, operation: op, "reply lists \(n) blocks of \(size) bytes but holds \(data.count) bytes, need \(needed)")
        }
        var bytes: [UInt8] = []
        var locked: [Bool] = []
        for i in 0..<n {
            let at = 2 + i * (size + 1)
            locked.append(data[at] & 0x01 != 0)
            bytes += data[(at + 1)..<(at + 1 + size)]
        }
        return (size, bytes, locked)
    }

    /// SW-REV (2), D-REV, HW-TYPE, SW-TYPE, TR-TYPE (2).
    public static func version(_ data: [UInt8]) throws(ReaderError) -> String {
        guard data.count >= 5 else {
            throw ReaderError(.protocolViolation, operation: "version", "reply holds \(data.count) bytes, need 5")
        }
        return "FEIG SW \(data[0]).\(data[1]).\(data[2]) HW 0x\(String(data[3], radix: 16, uppercase: true)) SW-type \(data[4])"
    }
}

/// Whether a reply can be the answer to a request, judged from the bytes alone. FEIG replies
/// name only the command byte, and every ISO Host command is `B0`, so a late reply to an
/// inventory looks like the reply to the read that follows it; the data length each ISO
/// command's reply must have tells them apart. Error statuses carry little or no data and are
/// accepted (a stale error makes an operation fail, never falsely succeed); two OK replies of
/// the same shape (two writes) cannot be told apart here, which `ReplyLedger` handles.
public enum FEIGReplyShape {
    /// `request` and `reply` are frame payloads: CMD [data] and CMD STATUS [data].
    public static func fits(request: [UInt8], reply: [UInt8]) -> Bool {
        guard let command = request.first, reply.count >= 2, reply[0] == command else { return false }
        let status = FEIGStatus(reply[1])
        let data = reply.dropFirst(2)
        switch command {
        case FEIGCommand.isoHost:
            guard request.count >= 2, let iso = FEIGCommand.ISO(rawValue: request[1]) else { return true }
            if iso == .inventory {
                // Records of TR-TYPE, DSFID, UID after a count, also with 83 / 94.
                guard status == .ok || status == .rfCommunicationError || status == .moreData else { return true }
                guard let n = data.first else { return false }
                return data.count == 1 + Int(n) * 10
            }
            guard status == .ok else { return true }
            switch iso {
            case .systemInformation: return data.count == 13
            case .readMultiple:
                // DB-N must be the count asked for: `B0 23 01 <UID> <first> <count>`.
                guard request.count == 13, data.count >= 2, data[data.startIndex] == request[12] else { return false }
                let n = Int(data[data.startIndex]), size = Int(data[data.startIndex + 1])
                return data.count == 2 + n * (size + 1)
            case .writeMultiple, .writeAFI, .writeDSFID: return data.isEmpty
            case .inventory: return true
            }
        case FEIGCommand.nxpCustom, FEIGCommand.rfOutput, FEIGCommand.setOutputCPR, FEIGCommand.setOutputISC:
            return status != .ok || data.isEmpty
        case FEIGCommand.softwareVersion:
            return status != .ok || data.count >= 5
        default:
            return true
        }
    }
}
