import ReaderCore

/// What came back over the air for one request, as a pass-through reader reports it.
public enum AirResult: Sendable, Equatable {
    /// A tag answered: response flags, then data (air CRC already checked and removed).
    case response([UInt8])
    /// Several tags answered at once, or the answer was garbled (the reader cannot tell which).
    case collision
    /// Nobody answered before the reader's timeout.
    case silence
}

/// ISO/IEC 15693-3 response parsing. Every parser names the field that is short.
public enum ISO15693Response {
    /// The tag's error for a block it does not have.
    public static let blockNotAvailable: UInt8 = 0x10

    /// Error codes a tag returns after the error flag (ISO/IEC 15693-3 table 7).
    public static func errorSummary(_ code: UInt8) -> String {
        switch code {
        case 0x01: "command not supported by the tag"
        case 0x02: "command not recognised by the tag"
        case 0x03: "option not supported by the tag"
        case 0x0F: "unknown tag error"
        case 0x10: "block not available on the tag"
        case 0x11: "block already locked"
        case 0x12: "block or register is locked"
        case 0x13: "programming the tag failed"
        case 0x14: "locking failed"
        default: "tag error 0x" + String(code, radix: 16, uppercase: true)
        }
    }

    /// Returns the data after the flags byte, or throws the tag's error.
    public static func payload(_ response: [UInt8], operation: String) throws(ReaderError) -> [UInt8] {
        guard let flags = response.first else {
            throw ReaderError(.protocolViolation, operation: operation, "tag response is empty (no flags byte)")
        }
        if flags & 0x01 != 0 {
            guard response.count >= 2 else {
                throw ReaderError(.protocolViolation, operation: operation, "tag set the error flag but sent no error code")
            }
            let code = response[1]
            let kind: ReaderError.Kind =
                (code == 0x01 || code == 0x02 || code == 0x03) ? .unsupported : code == blockNotAvailable ? .blockOutOfRange : .deviceStatus
            throw ReaderError(kind, operation: operation, errorSummary(code), status: code)
        }
        return Array(response.dropFirst())
    }

    /// Inventory response: flags, DSFID, UID (LSB first).
    public static func inventory(_ response: [UInt8]) throws(ReaderError) -> InventoryItem {
        let data = try payload(response, operation: "inventory")
        guard data.count >= 9, let uid = TagUID(bytes: Array(data[1..<9]).reversed()) else {
            throw ReaderError(.protocolViolation, operation: "inventory", "inventory response holds \(data.count) bytes after the flags, need 9")
        }
        return InventoryItem(uid: uid, dsfid: data[0])
    }

    /// Get System Information: info flags, UID, then DSFID, AFI, memory size, IC reference as flagged.
    public static func systemInformation(_ response: [UInt8], blockSizeFallback: Int = 4) throws(ReaderError) -> TagSystemInfo {
        let op = "system information"
        let data = try payload(response, operation: op)
        guard data.count >= 9, let uid = TagUID(bytes: Array(data[1..<9]).reversed()) else {
            throw ReaderError(.protocolViolation, operation: op, "response holds \(data.count) bytes after the flags, need 9")
        }
        let info = data[0]
        var at = 9
        func take(_ n: Int, _ field: String) throws(ReaderError) -> ArraySlice<UInt8> {
            guard data.count >= at + n else {
                throw ReaderError(.protocolViolation, operation: op, "response ends before the \(field) field (byte offset \(at + 1) of the answer)")
            }
            defer { at += n }
            return data[at..<(at + n)]
        }
        let dsfid = info & 0x01 != 0 ? try take(1, "DSFID").first : nil
        let afi = info & 0x02 != 0 ? try take(1, "AFI").first : nil
        var blockSize = blockSizeFallback, blockCount = 0
        if info & 0x04 != 0 {
            let mem = try take(2, "memory size")
            blockCount = Int(mem[mem.startIndex]) + 1
            blockSize = Int(mem[mem.startIndex + 1] & 0x1F) + 1
        }
        let ic = info & 0x08 != 0 ? try take(1, "IC reference").first : nil
        return TagSystemInfo(uid: uid, dsfid: dsfid, afi: afi, blockSize: blockSize, blockCount: blockCount, icReference: ic)
    }

    /// Read Single/Multiple Blocks without the option flag: the data, which must be `expected` bytes.
    public static func blocks(_ response: [UInt8], expected: Int) throws(ReaderError) -> [UInt8] {
        let data = try payload(response, operation: "read blocks")
        guard data.count == expected else {
            throw ReaderError(.protocolViolation, operation: "read blocks", "asked for \(expected) bytes, tag sent \(data.count)")
        }
        return data
    }
}
