import ReaderCore
import ReaderProtocols
import RFIDCommon

/// A reader with every capability, over tags held in memory or in a state file, for unit tests
/// of station and gate logic and for trying the tools without hardware. It enforces the tag
/// rules (ranges, locked blocks) that real tags enforce, so callers see the same failures.
/// It is not a substitute for testing a driver: those run against protocol emulators over ptys.
public actor MockReader: RFIDReader {
    public enum Storage: Sendable {
        case memory(TagField)
        /// Loaded before and written back after every operation, so separate processes share tags.
        case file(MockStateFile)
    }

    public nonisolated let name: String
    public nonisolated let capabilities = ReaderCapabilities(ReaderCapabilities.names.map(\.0))
    private let storage: Storage
    private var closed = false
    private var rfOn = true
    /// Output commands received, for tests of gate signalling.
    public private(set) var outputs: [OutputCommand] = []

    public init(tags: [EmulatedTag], name: String = "mock") {
        self.storage = .memory(TagField(tags))
        self.name = name
    }

    public init(field: TagField, name: String = "mock") {
        self.storage = .memory(field)
        self.name = name
    }

    public init(stateFile path: String) {
        self.storage = .file(MockStateFile(path: path))
        self.name = "mock on \(path)"
    }

    /// Runs `body` over all tags in the field (read-modify-write for a state file).
    private func withTags<R>(
        _ operation: String, _ body: (inout [EmulatedTag]) throws(ReaderError) -> R
    ) throws(ReaderError) -> R {
        guard !closed else { throw ReaderError(.disconnected, operation: operation, "\(name) is closed") }
        guard rfOn else { throw ReaderError(.noTag, operation: operation, "the RF field is off") }
        switch storage {
        case .memory(let field):
            var tags = field.tags
            let result = try body(&tags)
            field.replaceAll(tags)
            return result
        case .file(let file):
            let outcome: Result<R, ReaderError>
            do {
                outcome = try file.update { (tags: inout [EmulatedTag]) throws(MockStateFileError) -> Result<R, ReaderError> in
                    var copy = tags
                    let r = Result { () throws(ReaderError) -> R in try body(&copy) }
                    // A refused operation leaves the file as it was.
                    if case .success = r { tags = copy }
                    return r
                }
            } catch {
                let kind: ReaderError.Kind =
                    switch error.reason {
                    case .missing, .locked: .unavailable
                    case .corrupt: .protocolViolation
                    case .unreadable, .unwritable: .io
                    }
                throw ReaderError(kind, operation: operation, error.description)
            }
            return try outcome.get()
        }
    }

    private func withTag<R>(
        _ uid: TagUID, _ operation: String, _ body: (inout EmulatedTag) throws(ReaderError) -> R
    ) throws(ReaderError) -> R {
        try withTags(operation) { (tags: inout [EmulatedTag]) throws(ReaderError) -> R in
            guard let i = tags.firstIndex(where: { $0.uid == uid }) else {
                throw ReaderError(.noTag, operation: operation, "tag \(uid) is not in the field")
            }
            return try body(&tags[i])
        }
    }

    private static func tagError(_ code: EmulatedTag.TagErrorCode, _ operation: String, block: Int) -> ReaderError {
        switch code {
        case .blockLocked: ReaderError(.deviceStatus, operation: operation, "block \(block) is locked", status: code.rawValue)
        case .blockNotAvailable:
            ReaderError(.blockOutOfRange, operation: operation, "block \(block) does not exist", status: code.rawValue)
        default: ReaderError(.deviceStatus, operation: operation, "tag refused block \(block)", status: code.rawValue)
        }
    }

    public func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        try withTags("inventory") { tags in
            tags.filter { afi == nil || afi == 0 || $0.afi == afi }.map {
                InventoryItem(uid: $0.uid, dsfid: $0.dsfid, antenna: antenna)
            }
        }
    }

    public func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        try withTag(uid, "system information") { t in
            TagSystemInfo(uid: t.uid, dsfid: t.dsfid, afi: t.afi, blockSize: t.blockSize, blockCount: t.blockCount)
        }
    }

    public func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        let op = "read blocks"
        guard count > 0 else { throw ReaderError(.invalidRequest, operation: op, "block count must be at least 1") }
        return try withTag(uid, op) { (t: inout EmulatedTag) throws(ReaderError) -> [UInt8] in
            guard blockSize == t.blockSize else {
                throw ReaderError(.invalidRequest, operation: op, "tag blocks are \(t.blockSize) bytes, not \(blockSize)")
            }
            var out: [UInt8] = []
            for b in first..<(first + count) {
                switch t.readBlock(b) {
                case .success(let d): out += d
                case .failure(let e): throw Self.tagError(e, op, block: b)
                }
            }
            return out
        }
    }

    public func writeBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError) {
        let op = "write blocks"
        _ = try BlockRange.wholeBlocks(data, blockSize: blockSize, op)
        try withTag(uid, op) { (t: inout EmulatedTag) throws(ReaderError) in
            guard blockSize == t.blockSize else {
                throw ReaderError(.invalidRequest, operation: op, "tag blocks are \(t.blockSize) bytes, not \(blockSize)")
            }
            let count = data.count / blockSize
            // Check every block first: a real multi-block write to a locked range fails as a whole.
            for b in first..<(first + count) {
                if b < 0 || b >= t.blockCount { throw Self.tagError(.blockNotAvailable, op, block: b) }
                if t.lockedBlocks.contains(b) { throw Self.tagError(.blockLocked, op, block: b) }
            }
            for i in 0..<count {
                _ = t.writeBlock(first + i, Array(data[(i * blockSize)..<((i + 1) * blockSize)]))
            }
        }
    }

    public func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError) {
        try withTag(uid, "write AFI") { $0.afi = afi }
    }

    public func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError) {
        try withTag(uid, "write DSFID") { $0.dsfid = dsfid }
    }

    public func setEAS(uid: TagUID, enabled: Bool) async throws(ReaderError) {
        try withTag(uid, enabled ? "set EAS" : "reset EAS") { $0.eas = enabled }
    }

    public func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool {
        try withTags("EAS alarm") { tags in tags.contains { $0.eas && (uid == nil || $0.uid == uid) } }
    }

    public func setRF(on: Bool) async throws(ReaderError) {
        guard !closed else { throw ReaderError(.disconnected, operation: "RF on/off", "\(name) is closed") }
        rfOn = on
    }

    public func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError) {
        guard !closed else { throw ReaderError(.disconnected, operation: "outputs", "\(name) is closed") }
        outputs += commands
    }

    public func version() async throws(ReaderError) -> String {
        guard !closed else { throw ReaderError(.disconnected, operation: "version", "\(name) is closed") }
        return "LibraryRFID mock reader"
    }

    public func close() async { closed = true }
}
