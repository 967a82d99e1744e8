import ReaderCore

/// 3M 810 commands whose request and reply layouts are known from public captures
/// (Biblio-RFID's 3M810 module). UIDs travel MSB first. Every reply is CMD, error byte, fields.
public enum ThreeMCommand {
    public static let inventory: UInt8 = 0xFE
    public static let version: UInt8 = 0x11
    public static let readMultiple: UInt8 = 0x02
    public static let writeMultiple: UInt8 = 0x04
    /// Listed by the 3M specification, field layout not public: never sent (see writeMultiple).
    public static let writeBlock: UInt8 = 0x05
    /// Listed, layouts not public: never sent.
    public static let checkEAS: UInt8 = 0x03
    public static let easControl: UInt8 = 0x0C
    public static let tagInfo: UInt8 = 0x0D
    public static let writeAFI: UInt8 = 0x09
    public static let getAFI: UInt8 = 0x0A
    public static let writeDSFID: UInt8 = 0x0B

    /// The byte after the AFI in the captured inventory request (`FE 00 05`).
    public static let inventoryTrailer: UInt8 = 0x05

    /// `FE <AFI> 05`; AFI 0 asks every tag.
    public static func inventory(afi: UInt8?) -> [UInt8] { [inventory, afi ?? 0x00, inventoryTrailer] }
    public static func readMultiple(uid: TagUID, first: UInt8, count: UInt8) -> [UInt8] {
        [readMultiple] + uid.bytes + [first, count]
    }
    /// `04 UID <first> <count> 00 <data>`.
    public static func writeMultiple(uid: TagUID, first: UInt8, count: UInt8, data: [UInt8]) -> [UInt8] {
        [writeMultiple] + uid.bytes + [first, count, 0x00] + data
    }
    public static func writeAFI(uid: TagUID, afi: UInt8) -> [UInt8] { [writeAFI] + uid.bytes + [afi] }
    /// `0A UID`, answered `0A 00 UID <AFI>`.
    public static func getAFI(uid: TagUID) -> [UInt8] { [getAFI] + uid.bytes }
    public static func writeDSFID(uid: TagUID, dsfid: UInt8) -> [UInt8] { [writeDSFID] + uid.bytes + [dsfid] }
}

/// The 3M error byte that follows CMD in every reply.
public enum ThreeMError {
    public static let ok: UInt8 = 0x00
    public static let notImplemented: UInt8 = 0x02
    public static let noTransponder: UInt8 = 0x06
    public static let memoryNotAvailable: UInt8 = 0x11
    public static let locked: UInt8 = 0x12
    public static let readError: UInt8 = 0x15
    public static let writeError: UInt8 = 0x16
    public static let notSupported: UInt8 = 0x30
    public static let notSupported2: UInt8 = 0x31

    /// The tag (not the reader) does not support the command: 0x30 or 0x31.
    public static func tagRefusedCommand(_ code: UInt8?) -> Bool { code == notSupported || code == notSupported2 }

    public static func summary(_ code: UInt8) -> String {
        switch code {
        case notImplemented: "command not implemented by the reader"
        case noTransponder: "no tag answered"
        case memoryNotAvailable: "block not available on the tag"
        case locked: "block or register is locked"
        case readError: "read error"
        case writeError: "write error"
        case notSupported, notSupported2: "not supported by the tag"
        default: "reader error 0x" + String(code, radix: 16, uppercase: true)
        }
    }
}

/// A 3M reply split into CMD, error byte and fields.
public struct ThreeMReply: Sendable, Equatable {
    public var command: UInt8
    public var error: UInt8
    public var fields: [UInt8]

    public init(frame: ThreeMFrame, operation: String) throws(ReaderError) {
        guard frame.payload.count >= 2 else {
            throw ReaderError(.protocolViolation, operation: operation, "reply of \(frame.payload.count) bytes has no error byte")
        }
        command = frame.payload[0]
        error = frame.payload[1]
        fields = Array(frame.payload.dropFirst(2))
    }

    public func check(_ operation: String) throws(ReaderError) {
        guard error != ThreeMError.ok else { return }
        let kind: ReaderError.Kind =
            error == ThreeMError.noTransponder ? .noTag
            : error == ThreeMError.memoryNotAvailable ? .blockOutOfRange
            : (error == ThreeMError.notImplemented || ThreeMError.tagRefusedCommand(error)) ? .unsupported : .deviceStatus
        throw ReaderError(kind, operation: operation, ThreeMError.summary(error), status: error)
    }
}

public enum ThreeMParse {
    /// `<AFI> 05 <count> <count x UID>` after the error byte.
    public static func inventory(_ fields: [UInt8]) throws(ReaderError) -> [InventoryItem] {
        guard fields.count >= 3 else {
            throw ReaderError(.protocolViolation, operation: "inventory", "reply holds \(fields.count) bytes, need 3")
        }
        let count = Int(fields[2])
        guard fields.count >= 3 + count * 8 else {
            throw ReaderError(.protocolViolation, operation: "inventory", "reply lists \(count) tags but holds \(fields.count - 3) UID bytes")
        }
        // The reply lists UIDs only: the DSFID is unknown (nil), not zero.
        return (0..<count).compactMap { i in
            TagUID(bytes: Array(fields[(3 + i * 8)..<(11 + i * 8)])).map { InventoryItem(uid: $0, dsfid: nil) }
        }
    }

    /// `UID <AFI>` after the error byte of a Get AFI reply.
    public static func afi(_ fields: [UInt8]) throws(ReaderError) -> UInt8 {
        guard fields.count >= 9 else {
            throw ReaderError(.protocolViolation, operation: "read AFI", "reply holds \(fields.count) bytes, need 9 (UID and AFI)")
        }
        return fields[8]
    }

    /// `UID <count> { block number (2, little-endian) <4 data bytes> }`.
    public static func blocks(_ fields: [UInt8], blockSize: Int) throws(ReaderError) -> [(Int, [UInt8])] {
        guard fields.count >= 9 else {
            throw ReaderError(.protocolViolation, operation: "read blocks", "reply holds \(fields.count) bytes, need 9")
        }
        let count = Int(fields[8])
        let record = 2 + blockSize
        guard fields.count >= 9 + count * record else {
            throw ReaderError(.protocolViolation, operation: "read blocks", "reply lists \(count) blocks but holds \(fields.count - 9) block bytes")
        }
        return (0..<count).map { i in
            let at = 9 + i * record
            return (Int(fields[at]) | Int(fields[at + 1]) << 8, Array(fields[(at + 2)..<(at + record)]))
        }
    }
}

/// Whether a 3M reply can be the answer to a request. Replies echo the command byte and, for
/// addressed commands, the tag's UID, so a late reply to another command or about another tag
/// is recognised; the counts a reply lists must be the ones asked for. A reply reporting an
/// error is accepted when its command (and UID, where it carries one) match: a stale error
/// makes an operation fail, never falsely succeed. Two OK replies of the same command for the
/// same tag cannot be told apart here, which the drivers' reply ledger handles.
public enum ThreeMReplyShape {
    /// `request` and `reply` are frame payloads: CMD [fields] and CMD ERROR [fields].
    public static func fits(request: [UInt8], reply: [UInt8]) -> Bool {
        guard let command = request.first, reply.count >= 2, reply[0] == command else { return false }
        let error = reply[1]
        let fields = Array(reply.dropFirst(2))
        let addressed = command != ThreeMCommand.inventory && command != ThreeMCommand.version && request.count >= 9
        if addressed, fields.count >= 8, Array(fields.prefix(8)) != Array(request[1..<9]) { return false }
        guard error == ThreeMError.ok else { return true }
        switch command {
        case ThreeMCommand.inventory:
            // `<AFI> 05 <count> <count x UID>`, for the AFI asked for.
            guard request.count == 3, fields.count >= 3, fields[0] == request[1] else { return false }
            return fields.count == 3 + Int(fields[2]) * 8
        case ThreeMCommand.readMultiple:
            // `UID <count> { block number (2) data }`, count as asked: `02 UID <first> <count>`.
            guard request.count == 11, fields.count >= 11, fields[8] == request[10] else { return false }
            let n = Int(fields[8])
            // The first record's block number (little-endian) is the first block asked for.
            let firstBlock = Int(fields[9]) | Int(fields[10]) << 8
            return n > 0 && firstBlock == Int(request[9]) && (fields.count - 9) % n == 0 && (fields.count - 9) / n > 2
        case ThreeMCommand.writeMultiple:
            // `UID <count>`: `04 UID <first> <count> 00 <data>`.
            return request.count >= 11 && fields.count == 9 && fields[8] == request[10]
        case ThreeMCommand.writeAFI, ThreeMCommand.writeDSFID:
            return fields.count == 8
        case ThreeMCommand.getAFI:
            return fields.count == 9
        default:
            return true
        }
    }
}
