import ReaderCore

/// One encode in progress on one tag: what is known of the tag, how far the work got, and the
/// recovery rules every step shares.
final class Run {
    let encoder: TagEncoder
    let uid: TagUID
    var reader: any RFIDReader { encoder.reader }
    var presence: TagPresence { encoder.presence }

    /// Registers as last read (system information), to skip writes that change nothing.
    var known: (dsfid: UInt8?, afi: UInt8?) = (nil, nil)
    /// What the tag is known to hold, for a failure after which it cannot be read back.
    var progress = "nothing written yet"
    var resumed = false

    /// ISO 15693 error 0x13: programming failed, what a tag moved on the pad answers.
    static let programmingFailed: UInt8 = 0x13
    /// ISO 15693 errors 0x01/0x02: the tag does not know the command (no EAS on this chip).
    static let commandNotSupported: Set<UInt8> = [0x01, 0x02]

    init(encoder: TagEncoder, uid: TagUID) {
        self.encoder = encoder
        self.uid = uid
    }

    /// Failures worth another attempt once the tag answers again.
    static func isTransient(_ error: ReaderError) -> Bool {
        switch error.kind {
        case .noTag, .timeout, .protocolViolation: true
        case .deviceStatus: error.status == programmingFailed
        default: false
        }
    }

    /// After a transient failure: returns when the tag answers (waiting for it to come back if
    /// it left); otherwise throws the step's failure with the tag's state as far as it can be
    /// read.
    func recover(_ step: String, _ error: ReaderError, _ target: TagTarget?) async throws {
        guard Self.isTransient(error) else { throw await failure(step, error, target) }
        if await presence.isPresent(uid) { return }
        guard await presence.awaitReturn(of: uid) else {
            throw TaggingError.stepFailed(
                uid, step: step, cause: ReaderError(.noTag, operation: step, "the tag left the field and did not come back"),
                state: nil, lastKnown: progress, repair: .encodeAgain)
        }
        resumed = true
    }

    /// The step's failure, with a read-back of the tag where one is possible.
    func failure(_ step: String, _ cause: ReaderError, _ target: TagTarget?) async -> TaggingError {
        var state: TagState?
        if let target, cause.kind != .disconnected, cause.kind != .unavailable, cause.kind != .cancelled {
            if let readback = try? await TagReadback.read(uid, layout: target.layout, from: reader) {
                state = TagState(readback: readback, target: target)
            }
        }
        let repair: TaggingError.Repair = state.map { $0.dataWritten ? .secure : .encodeAgain } ?? .encodeAgain
        return .stepFailed(uid, step: step, cause: cause, state: state, lastKnown: progress, repair: repair)
    }

    /// Runs `body`, recovering from transient failures up to the encoder's attempts.
    /// Non-transient device statuses are rethrown for the caller to judge (a locked block).
    func attempt<T>(
        _ step: String, _ target: TagTarget?, _ body: () async throws(ReaderError) -> T
    ) async throws -> T {
        var left = encoder.attempts
        while true {
            do {
                return try await body()
            } catch where error.kind == .deviceStatus && !Self.isTransient(error) {
                throw error
            } catch {
                left -= 1
                guard left > 0 else { throw await failure(step, error, target) }
                try await recover(step, error, target)
            }
        }
    }

    /// The memory layout, from system information, else from the encoder's `layout`.
    func layout() async throws -> TagLayout {
        if reader.capabilities.contains(.systemInformation) {
            let info = try await attempt("read system information", nil) { () throws(ReaderError) in
                try await reader.systemInformation(uid: uid)
            }
            known = (info.dsfid, info.afi)
            return TagLayout(blockCount: info.blockCount, blockSize: info.blockSize)
        }
        if reader.capabilities.contains(.readAFI) {
            known.afi = try await attempt("read the AFI", nil) { () throws(ReaderError) in try await reader.afi(uid: uid) }
        }
        guard let layout = encoder.layout else { throw TaggingError.layoutUnknown(reader: reader.name) }
        return layout
    }

    func readMemory(_ target: TagTarget) async throws(ReaderError) -> [UInt8] {
        try await reader.readBlocks(uid: uid, first: 0, count: target.blockCount, blockSize: target.blockSize)
    }

    func write(blocks: ArraySlice<Int>, _ target: TagTarget) async throws(ReaderError) {
        guard let first = blocks.first, let last = blocks.last else { return }
        let bytes = Array(target.image[(first * target.blockSize)..<((last + 1) * target.blockSize)])
        try await reader.writeBlocks(uid: uid, first: first, data: bytes, blockSize: target.blockSize)
    }

    /// Runs of consecutive blocks, each written with one command.
    static func runs(_ blocks: [Int]) -> [ArraySlice<Int>] {
        var result: [ArraySlice<Int>] = []
        var start = 0
        for i in blocks.indices where i == blocks.count - 1 || blocks[i + 1] != blocks[i] + 1 {
            result.append(blocks[start...i])
            start = i + 1
        }
        return result
    }
}
