import ReaderCore

extension Run {
    /// The whole image in as few commands as the reader allows; after a failure, only the
    /// blocks that differ from the image, read back first. A block that refuses the write is
    /// acceptable only when it already holds the image's bytes (a locked block written before).
    func writeData(_ target: TagTarget) async throws {
        let step = "write the barcode"
        progress = "barcode write sent, outcome unknown"
        var blocks = Array(0..<target.blockCount)
        for round in 0..<(encoder.attempts + 1) {
            if round > 0 {
                let memory = try await attempt("read the tag back", target) { () throws(ReaderError) in try await readMemory(target) }
                blocks = target.differingBlocks(in: memory)
                if blocks.isEmpty { break }
                resumed = true
            }
            do {
                for run in Self.runs(blocks) { try await write(blocks: run, target) }
                break
            } catch where error.kind == .deviceStatus && !Self.isTransient(error) {
                try await writeSingly(target)
                break
            } catch {
                if round == encoder.attempts { throw await failure(step, error, target) }
                try await recover(step, error, target)
            }
        }
        progress = "barcode written, DSFID and security not yet set"
    }

    /// Block by block, over what differs; a block that refuses and differs means a new tag.
    func writeSingly(_ target: TagTarget) async throws {
        let memory = try await attempt("read the tag back", target) { () throws(ReaderError) in try await readMemory(target) }
        for block in target.differingBlocks(in: memory) {
            do {
                try await attempt("write block \(block)", target) { () throws(ReaderError) in
                    try await write(blocks: [block][...], target)
                }
            } catch let error as ReaderError {
                let state = await failureState(target)
                throw TaggingError.tagToReplace(
                    uid, what: "block \(block) refuses writing (\(error.description)) and holds other bytes", state: state)
            }
        }
    }

    /// Writes a register unless it already holds `wanted`; a refusal is acceptable only when
    /// the register already holds it (locked at the right value).
    func writeRegister(
        _ step: String, current: UInt8?, wanted: UInt8, target: TagTarget,
        _ write: () async throws(ReaderError) -> Void
    ) async throws {
        if current == wanted { return }
        do {
            try await attempt(step, target, write)
        } catch let error as ReaderError {
            let now = try? await reader.systemInformation(uid: uid)
            let value = step.contains("DSFID") ? now?.dsfid : now?.afi
            if value == wanted { return }
            throw TaggingError.tagToReplace(
                uid, what: "\(step) refused (\(error.description))", state: await failureState(target))
        }
        progress = step.contains("DSFID") ? "barcode and DSFID written, not secured" : "barcode written and AFI set"
    }

    /// Sets EAS; false when this tag has no EAS (the tag does not know the command).
    func setEAS(_ target: TagTarget) async throws -> Bool {
        do {
            try await attempt("set EAS", target) { () throws(ReaderError) in try await reader.setEAS(uid: uid, enabled: true) }
            progress = "barcode written and secured (not yet verified)"
            return true
        } catch let error as ReaderError {
            if let status = error.status, Self.commandNotSupported.contains(status) { return false }
            if (try? await reader.easAlarm(uid: uid)) == true { return true }
            throw TaggingError.tagToReplace(uid, what: "set EAS refused (\(error.description))", state: await failureState(target))
        }
    }

    func readBack(_ target: TagTarget, step: String) async throws -> TagReadback {
        try await attempt(step, target) { () throws(ReaderError) in
            try await TagReadback.read(uid, layout: target.layout, from: reader)
        }
    }

    func failureState(_ target: TagTarget) async -> TagState? {
        guard let readback = try? await TagReadback.read(uid, layout: target.layout, from: reader) else { return nil }
        return TagState(readback: readback, target: target)
    }
}
