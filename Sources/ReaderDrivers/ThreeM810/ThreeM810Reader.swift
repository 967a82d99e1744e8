import ReaderCore
import ReaderProtocols
import ReaderTransport

/// A 3M 810 library pad over a USB-serial converter (19200 8N1, set by the transport). Only
/// commands whose layouts are publicly known are offered; the rest throw `.unsupported`.
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
        .inventory, .afiFilteredInventory, .readBlocks, .writeBlocks, .writeMultipleBlocks, .writeAFI, .writeDSFID, .version,
    ]
    private let transport: any ByteTransport
    private let configuration: Configuration
    private var closed = false

    public init(transport: any ByteTransport, configuration: Configuration = Configuration()) {
        self.transport = transport
        self.configuration = configuration
        self.name = "3m810 on \(transport.description)"
    }

    func request(_ payload: [UInt8], _ operation: String) async throws(ReaderError) -> ThreeMReply {
        guard !closed else { throw ReaderError(.disconnected, operation: operation, "the reader was closed") }
        let command = payload.first
        let frame = try await FrameExchange.exchange(
            ThreeMScanner.self, over: transport, request: ThreeMFrame(payload: payload).encoded(),
            policy: configuration.retry, operation: operation, accept: { $0.payload.first == command })
        return try ThreeMReply(frame: frame, operation: operation)
    }

    public func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        guard antenna == nil else { throw .unsupported("antenna selection", by: "3m810") }
        let reply = try await request(ThreeMCommand.inventory(afi: afi), "inventory")
        if reply.error == ThreeMError.noTransponder { return [] }
        try reply.check("inventory")
        return try ThreeMParse.inventory(reply.fields)
    }

    public func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        throw .unsupported("system information", by: "3m810")
    }

    public func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        let op = "read blocks"
        try FEIGReader.validate(first: first, count: count, blockSize: blockSize, op)
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
        guard blockSize > 0, !data.isEmpty, data.count % blockSize == 0 else {
            throw ReaderError(.invalidRequest, operation: op, "\(data.count) bytes is not a whole number of \(blockSize)-byte blocks")
        }
        let count = data.count / blockSize
        try FEIGReader.validate(first: first, count: count, blockSize: blockSize, op)
        let payload = ThreeMCommand.writeMultiple(uid: uid, first: UInt8(first), count: UInt8(count), data: data)
        try await request(payload, op).check(op)
    }

    public func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError) {
        try await request(ThreeMCommand.writeAFI(uid: uid, afi: afi), "write AFI").check("write AFI")
    }

    public func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError) {
        try await request(ThreeMCommand.writeDSFID(uid: uid, dsfid: dsfid), "write DSFID").check("write DSFID")
    }

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
