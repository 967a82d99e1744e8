import ReaderCore
import ReaderProtocols

/// Tag operations written once as raw ISO 15693 requests, for readers that pass frames through
/// to the air (the TI EVM's request mode, a PC/SC transparent session). A driver supplies
/// `transceive`; the rules for reading, writing and EAS live here.
protocol ISO15693PassThrough: Actor {
    nonisolated var driverName: String { get }
    /// 0 (low data rate) or `ISO15693Request.Flag.highDataRate`.
    var dataRate: UInt8 { get }
    /// Set the option flag on writes (TI Tag-it tags need it; NXP ICODE tags do not).
    var writeOptionFlag: Bool { get }
    /// How often a garbled answer (collision or CRC error on the air) is retried.
    var airRetries: Int { get }
    /// Remembers that the tag family refused Write Multiple Blocks, so later writes go block by block.
    var multipleWritesRefused: Bool { get set }
    func transceive(_ frame: [UInt8], _ operation: String) async throws(ReaderError) -> AirResult
    /// Called when a write reported no answer; returns true if reading back shows the write took.
    func writeMayHaveSucceeded(_ operation: String, verify: () async throws(ReaderError) -> Bool) async throws(ReaderError) -> Bool
}

extension ISO15693PassThrough {
    /// One addressed request; returns the data after the response flags, or the typed error.
    func addressed(_ frame: [UInt8], _ op: String) async throws(ReaderError) -> [UInt8] {
        var attempt = 0
        while true {
            switch try await transceive(frame, op) {
            case .response(let r):
                return try ISO15693Response.payload(r, operation: op)
            case .silence:
                throw ReaderError(.noTag, operation: op, "the tag did not answer (it may have left the field)")
            case .collision:
                attempt += 1
                guard attempt <= airRetries else {
                    throw ReaderError(.protocolViolation, operation: op,
                        "the tag's answer was garbled on the air (collision or CRC error) \(attempt) times")
                }
            }
        }
    }

    func iso15693SystemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        let op = "system information"
        let data = try await addressed(ISO15693Request.frame(.getSystemInformation, uid: uid, dataRate: dataRate), op)
        let info = try ISO15693Response.systemInformation([0x00] + data)
        guard info.uid == uid else {
            throw ReaderError(.protocolViolation, operation: op, "answer came from tag \(info.uid), not \(uid)")
        }
        return info
    }

    func iso15693ReadBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        let op = "read blocks"
        try BlockRange.check(first: first, count: count, blockSize: blockSize, op)
        // Keep each answer within the readers' buffers (the EVM holds 300 bytes).
        let chunk = max(1, 128 / blockSize)
        var out: [UInt8] = []
        var block = first
        while block < first + count {
            let n = min(chunk, first + count - block)
            let frame = ISO15693Request.readMultiple(uid: uid, first: UInt8(block), count: n, dataRate: dataRate)
            out += try ISO15693Response.blocks([0x00] + (try await addressed(frame, op)), expected: n * blockSize)
            block += n
        }
        return out
    }

    func iso15693WriteBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError) {
        let op = "write blocks"
        let count = try BlockRange.checkWrite(first: first, data: data, blockSize: blockSize, op)
        if count > 1, !multipleWritesRefused {
            let frame = ISO15693Request.writeMultiple(
                uid: uid, first: UInt8(first), count: count, data: data, dataRate: dataRate, option: writeOptionFlag)
            do throws(ReaderError) {
                try await write(frame, op, uid: uid, first: first, expect: data, blockSize: blockSize)
                return
            } catch where error.kind == .unsupported {
                multipleWritesRefused = true  // ICODE SLIX and others: fall back to single blocks
            }
        }
        // Garbled answers are retried inside `addressed`; a refusal of one block is final.
        try await BlockByBlock.write(first: first, data: data, blockSize: blockSize) { block, bytes throws(ReaderError) in
            let frame = ISO15693Request.writeSingle(
                uid: uid, block: UInt8(block), data: bytes, dataRate: dataRate, option: writeOptionFlag)
            try await write(frame, op, uid: uid, first: block, expect: bytes, blockSize: blockSize)
        }
    }

    private func write(_ frame: [UInt8], _ op: String, uid: TagUID, first: Int, expect: [UInt8], blockSize: Int) async throws(ReaderError) {
        do throws(ReaderError) {
            _ = try await addressed(frame, op)
        } catch where error.kind == .noTag {
            let took = try await writeMayHaveSucceeded(op) { () async throws(ReaderError) -> Bool in
                try await self.iso15693ReadBlocks(uid: uid, first: first, count: expect.count / blockSize, blockSize: blockSize) == expect
            }
            if !took { throw error }
        }
    }

    func iso15693WriteRegister(_ command: ISO15693Request.Command, uid: TagUID, value: UInt8, _ op: String) async throws(ReaderError) {
        let frame = ISO15693Request.frame(command, uid: uid, parameters: [value], dataRate: dataRate, option: writeOptionFlag)
        do throws(ReaderError) {
            _ = try await addressed(frame, op)
        } catch where error.kind == .noTag {
            let took = try await writeMayHaveSucceeded(op) { () async throws(ReaderError) -> Bool in
                let info = try await self.iso15693SystemInformation(uid: uid)
                return (command == .writeAFI ? info.afi : info.dsfid) == value
            }
            if !took { throw error }
        }
    }

    func iso15693SetEAS(uid: TagUID, enabled: Bool) async throws(ReaderError) {
        let op = enabled ? "set EAS" : "reset EAS"
        _ = try await addressed(ISO15693Request.frame(enabled ? .nxpSetEAS : .nxpResetEAS, uid: uid, dataRate: dataRate), op)
    }

    /// NXP EAS Alarm to every tag: one answer or a collision both mean an armed tag is present.
    func iso15693EASAlarm(uid: TagUID?) async throws(ReaderError) -> Bool {
        switch try await transceive(ISO15693Request.frame(.nxpEASAlarm, uid: uid, dataRate: dataRate), "EAS alarm") {
        case .response(let r): return r.first.map { $0 & 0x01 == 0 } ?? false
        case .collision: return true
        case .silence: return false
        }
    }
}
