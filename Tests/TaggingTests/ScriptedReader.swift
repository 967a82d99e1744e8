import ReaderCore
import ReaderEmulation
import Synchronization

/// A reader for unit tests of the tagging logic: the mock reader's real tag rules, plus faults
/// scripted per command (a tag that leaves mid-write, an acknowledgement with nothing written,
/// a reader that vanishes), and a count of the commands sent. The drivers' own behaviour is
/// tested against protocol emulators over ptys; this double only exercises workflow decisions.
final class ScriptedReader: RFIDReader {
    enum Fault: Sendable {
        /// Throw this error instead of running the command.
        case fail(ReaderError)
        /// Write the first `blocks` blocks of a block write, then the tag leaves the field; it
        /// comes back after `returnAfter` inventories (nil: never).
        case leaveDuringWrite(blocks: Int, returnAfter: Int?)
        /// Answer OK without doing anything (a lying acknowledgement).
        case acknowledgeOnly
    }

    let mock: MockReader
    let field: TagField
    private let state = Mutex<(faults: [String: [Int: Fault]], calls: [String: Int], away: (EmulatedTag, Int?)?)>(([:], [:], nil))
    private let written = Mutex<ClosedRange<Int>?>(nil)

    /// The blocks of the last block write that reached the tag whole.
    var lastWrite: ClosedRange<Int>? { written.withLock { $0 } }

    var name: String { "scripted" }
    let capabilities: ReaderCapabilities

    init(tags: [EmulatedTag], capabilities: ReaderCapabilities? = nil) {
        field = TagField(tags)
        mock = MockReader(field: field)
        self.capabilities = capabilities ?? mock.capabilities
    }

    /// Schedules `fault` for the `nth` (1-based) call of `operation`.
    func inject(_ fault: Fault, on operation: String, call nth: Int = 1) {
        state.withLock { $0.faults[operation, default: [:]][nth] = fault }
    }

    func calls(_ operation: String) -> Int { state.withLock { $0.calls[operation, default: 0] } }
    var totalCalls: Int { state.withLock { $0.calls.values.reduce(0, +) } }
    func tag(_ uid: TagUID) -> EmulatedTag? { field.tags.first { $0.uid == uid } }

    /// Counts the call and returns its scripted fault, if any.
    private func next(_ operation: String) -> Fault? {
        state.withLock { s in
            s.calls[operation, default: 0] += 1
            return s.faults[operation]?[s.calls[operation]!]
        }
    }

    private func run<T>(_ operation: String, _ body: () async throws(ReaderError) -> T) async throws(ReaderError) -> T {
        if case .fail(let error)? = next(operation) { throw error }
        return try await body()
    }

    func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        let back: EmulatedTag? = state.withLock { s in
            guard let (tag, after) = s.away, let wait = after else { return nil }
            if wait <= 1 {
                s.away = nil
                return tag
            }
            s.away = (tag, wait - 1)
            return nil
        }
        if let back { field.insert(back) }
        return try await run("inventory") { () throws(ReaderError) in try await mock.inventory(afi: afi, antenna: antenna) }
    }

    func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        try await run("system information") { () throws(ReaderError) in try await mock.systemInformation(uid: uid) }
    }

    func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        try await run("read blocks") { () throws(ReaderError) in
            try await mock.readBlocks(uid: uid, first: first, count: count, blockSize: blockSize)
        }
    }

    func writeBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError) {
        switch next("write blocks") {
        case .fail(let error)?: throw error
        case .acknowledgeOnly?: return
        case .leaveDuringWrite(let blocks, let returnAfter)?:
            let part = Array(data.prefix(blocks * blockSize))
            if !part.isEmpty { try await mock.writeBlocks(uid: uid, first: first, data: part, blockSize: blockSize) }
            if let tag = field.remove(uid) { state.withLock { $0.away = (tag, returnAfter) } }
            throw ReaderError(.noTag, operation: "write blocks", "no transponder in the field")
        case nil:
            try await mock.writeBlocks(uid: uid, first: first, data: data, blockSize: blockSize)
            written.withLock { $0 = first...(first + data.count / blockSize - 1) }
        }
    }

    func afi(uid: TagUID) async throws(ReaderError) -> UInt8 {
        try await run("read AFI") { () throws(ReaderError) in try await mock.afi(uid: uid) }
    }

    func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError) {
        if case .acknowledgeOnly? = state.withLock({ $0.faults["write AFI"]?[($0.calls["write AFI"] ?? 0) + 1] }) {
            _ = next("write AFI")
            return
        }
        try await run("write AFI") { () throws(ReaderError) in try await mock.writeAFI(uid: uid, afi: afi) }
    }

    func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError) {
        try await run("write DSFID") { () throws(ReaderError) in try await mock.writeDSFID(uid: uid, dsfid: dsfid) }
    }

    func setEAS(uid: TagUID, enabled: Bool) async throws(ReaderError) {
        try await run("set EAS") { () throws(ReaderError) in try await mock.setEAS(uid: uid, enabled: enabled) }
    }

    func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool {
        try await run("EAS alarm") { () throws(ReaderError) in try await mock.easAlarm(uid: uid) }
    }

    func setRF(on: Bool) async throws(ReaderError) { try await mock.setRF(on: on) }
    func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError) { try await mock.setOutputs(commands) }
    func version() async throws(ReaderError) -> String { "scripted" }
    func close() async { await mock.close() }
}
