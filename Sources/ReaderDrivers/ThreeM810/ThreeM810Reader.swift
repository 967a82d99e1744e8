import ReaderCore
import ReaderProtocols
import ReaderTransport

/// A 3M 810 library pad over a USB-serial converter (19200 8N1, set by the transport). Only
/// commands whose layouts are publicly known are offered; the rest throw `.unsupported`
/// (Docs/protocols-feig-3m.md lists which, and why).
public actor ThreeM810Reader: RFIDReader {
    public struct Configuration: Sendable {
        public var retry: RetryPolicy
        /// 3M library tags use 4-byte blocks.
        public var blockSize: Int
        public static let serialSettings = (baud: 19200, dataBits: 8, parity: "none", stopBits: 1)
        public init(retry: RetryPolicy = RetryPolicy(), blockSize: Int = 4) {
            self.retry = retry
            self.blockSize = blockSize
        }
    }

    public nonisolated let name: String
    public nonisolated let capabilities: ReaderCapabilities = [
        .inventory, .afiFilteredInventory, .readBlocks, .writeBlocks, .writeMultipleBlocks, .writeAFI, .readAFI,
        .writeDSFID, .version,
    ]
    private let transport: any ByteTransport
    private let configuration: Configuration
    private var closed = false
    /// Replies the reader still owes from earlier requests (see `ReplyLedger`).
    private var ledger = ReplyLedger<Void>()
    /// Set once a tag refused the multi-block write: later writes go block by block at once.
    public private(set) var multipleWritesRefused = false

    public init(transport: any ByteTransport, configuration: Configuration = Configuration()) {
        self.transport = transport
        self.configuration = configuration
        self.name = "3m810 on \(transport.description)"
    }

    /// One request, one reply: the same command byte, the same UID and the counts asked for,
    /// after every reply still owed from earlier requests has been waited for.
    func request(_ payload: [UInt8], _ operation: String) async throws(ReaderError) -> ThreeMReply {
        guard !closed else { throw ReaderError(.disconnected, operation: operation, "the reader was closed") }
        let (frame, owed) = await FrameExchange.exchange(
            ThreeMScanner.self, over: transport, request: ThreeMFrame(payload: payload).encoded(),
            policy: configuration.retry, ledger: ledger, operation: operation,
            accept: { ThreeMReplyShape.fits(request: payload, reply: $0.payload) })
        ledger = owed
        return try ThreeMReply(frame: try frame.get(), operation: operation)
    }

    public func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        guard antenna == nil else { throw .unsupported("antenna selection", by: "3m810") }
        let reply = try await request(ThreeMCommand.inventory(afi: afi), "inventory")
        if reply.error == ThreeMError.noTransponder { return [] }
        try reply.check("inventory")
        return try ThreeMParse.inventory(reply.fields)
    }

    /// 0x0D Tag Info would give the memory layout, but its reply layout is not public.
    public func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        throw .unsupported("system information", by: "3m810")
    }

    public func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        let op = "read blocks"
        try BlockRange.check(first: first, count: count, blockSize: blockSize, op)
        let reply = try await request(ThreeMCommand.readMultiple(uid: uid, first: UInt8(first), count: UInt8(count)), op)
        try reply.check(op)
        let blocks = try ThreeMParse.blocks(reply.fields, blockSize: blockSize)
        var out: [UInt8] = []
        for index in first..<(first + count) {
            guard let block = blocks.first(where: { $0.0 == index }) else {
                throw ReaderError(.protocolViolation, operation: op, "reply is missing block \(index)")
            }
            out += block.1
        }
        return out
    }

    public func writeBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError) {
        let op = "write blocks"
        let count = try BlockRange.checkWrite(first: first, data: data, blockSize: blockSize, op)
        if count == 1 || !multipleWritesRefused {
            let payload = ThreeMCommand.writeMultiple(uid: uid, first: UInt8(first), count: UInt8(count), data: data)
            do {
                return try await request(payload, op).check(op)
            } catch where count > 1 && ThreeMError.tagRefusedCommand(error.status) {
                // The tag refused several blocks in one command (error 0x30/0x31): remember it
                // and write one block per command, as FEIG does for ISO error 0x01.
                multipleWritesRefused = true
            }
        }
        // One block per command. The public 3M sources give no layout for 0x05 Write Block, so
        // the single-block write is 0x04 with a count of one, the layout Biblio-RFID captured. A
        // write error (0x16) or a tag that does not answer (0x06) while a book is moved on the
        // pad is transient; a locked or missing block is not.
        try await BlockByBlock.write(
            first: first, data: data, blockSize: blockSize, attempts: configuration.retry.attempts,
            retryingWhen: { $0.status == ThreeMError.writeError || $0.status == ThreeMError.noTransponder }
        ) { block, bytes throws(ReaderError) in
            try await request(ThreeMCommand.writeMultiple(uid: uid, first: UInt8(block), count: 1, data: bytes), op).check(op)
        }
    }

    public func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError) {
        try await request(ThreeMCommand.writeAFI(uid: uid, afi: afi), "write AFI").check("write AFI")
    }

    /// 0x0A Get AFI: `0A <UID>`, answered `0A 00 <UID> <AFI>` (Biblio-RFID's read_afi and a
    /// capture of a real 810 in koha-rfid-3m810-js agree on the layout).
    public func afi(uid: TagUID) async throws(ReaderError) -> UInt8 {
        let op = "read AFI"
        let reply = try await request(ThreeMCommand.getAFI(uid: uid), op)
        try reply.check(op)
        return try ThreeMParse.afi(reply.fields)
    }

    public func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError) {
        try await request(ThreeMCommand.writeDSFID(uid: uid, dsfid: dsfid), "write DSFID").check("write DSFID")
    }

    // 0x03 Check EAS and 0x0C EAS Control exist (the 3M Model 210 specification lists them) but
    // no public source gives their fields, so the driver does not guess at them.
    public func setEAS(uid: TagUID, enabled: Bool) async throws(ReaderError) { throw .unsupported("EAS", by: "3m810") }
    public func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool { throw .unsupported("EAS alarm", by: "3m810") }
    public func setRF(on: Bool) async throws(ReaderError) { throw .unsupported("RF control", by: "3m810") }
    public func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError) { throw .unsupported("outputs", by: "3m810") }

    public func version() async throws(ReaderError) -> String {
        let reply = try await request([ThreeMCommand.version], "version")
        try reply.check("version")
        return "3M 810 " + reply.fields.map(String.init).joined(separator: ".")
    }

    public func close() async {
        closed = true
        transport.close()
    }
}
