import ReaderCore
import ReaderProtocols
import ReaderTransport

/// A FEIG ID ISC / ID CPR reader in ISO Host mode over any byte transport (serial 38400 8E1 or
/// USB bulk; the transport owns line settings and the 5 ms inter-frame gap).
public actor FEIGReader: RFIDReader {
    public struct Configuration: Sendable {
        /// COM-ADR; 0xFF reaches whichever reader is on the line.
        public var address: UInt8 = FEIGFrame.broadcastAddress
        public var retry = RetryPolicy()
        /// The Set Output command: 0x71 on ID CPR readers, 0x72 on ID ISC readers. The factory
        /// picks it from the address (`feig-usb:` opens CPR40/CPR74, serial and TCP default to
        /// ISC; `family=` overrides either); a wrong one is refused by the reader, so it matters.
        public var outputCommand: UInt8 = FEIGCommand.setOutputISC
        /// Send requests as advanced frames (some USB firmware answers only those).
        public var advancedFrames = false
        /// Serial line settings the transport should use (documentation for whoever opens it).
        public static let serialSettings = (baud: 38400, dataBits: 8, parity: "even", stopBits: 1, interFrameGapMs: 5)

        public init(
            address: UInt8 = FEIGFrame.broadcastAddress, retry: RetryPolicy = RetryPolicy(),
            outputCommand: UInt8 = FEIGCommand.setOutputISC
        ) {
            self.address = address
            self.retry = retry
            self.outputCommand = outputCommand
        }
    }

    public nonisolated let name: String
    public nonisolated let capabilities: ReaderCapabilities = [
        .inventory, .afiFilteredInventory, .multipleAntennas, .systemInformation, .readBlocks, .writeBlocks,
        .writeMultipleBlocks, .writeAFI, .readAFI, .writeDSFID, .eas, .easAlarm, .rfControl, .outputs, .version,
    ]
    private let transport: any ByteTransport
    public nonisolated let configuration: Configuration
    private var closed = false
    /// Replies the reader still owes from earlier requests (see `ReplyLedger`).
    private var ledger = ReplyLedger<Void>()

    public init(transport: any ByteTransport, configuration: Configuration = Configuration()) {
        self.transport = transport
        self.configuration = configuration
        self.name = "feig on \(transport.description)"
    }

    /// One request, one reply: the same command byte and the data length this command's reply
    /// has, after every reply still owed from earlier requests has been waited for.
    func request(_ payload: [UInt8], _ operation: String) async throws(ReaderError) -> FEIGReply {
        guard !closed else { throw ReaderError(.disconnected, operation: operation, "the reader was closed") }
        let frame = FEIGFrame(address: configuration.address, payload: payload, advanced: configuration.advancedFrames)
        let (reply, owed) = await FrameExchange.exchange(
            FEIGScanner.self, over: transport, request: frame.encoded(), policy: configuration.retry, ledger: ledger,
            operation: operation, accept: { FEIGReplyShape.fits(request: payload, reply: $0.payload) })
        ledger = owed
        return try FEIGReply(frame: try reply.get(), operation: operation)
    }

    public func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        if let antenna {
            guard (1...2).contains(antenna) else {
                throw ReaderError(.invalidRequest, operation: "inventory", "antenna \(antenna) does not exist (1 or 2)")
            }
            try await setRF(antenna: UInt8(antenna))
        }
        let reply = try await request(FEIGCommand.inventory(afi: afi), "inventory")
        if reply.status == .noTransponder { return [] }
        try reply.check("inventory", tolerating: [.rfCommunicationError, .moreData])
        return try FEIGParse.inventory(reply.data).map {
            InventoryItem(uid: $0.uid, dsfid: $0.dsfid, antenna: antenna)
        }
    }

    public func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        let reply = try await request(FEIGCommand.addressed(.systemInformation, uid), "system information")
        try reply.check("system information")
        return try FEIGParse.systemInformation(reply.data)
    }

    public func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        let op = "read blocks"
        try BlockRange.check(first: first, count: count, blockSize: blockSize, op)
        let reply = try await request(FEIGCommand.readMultiple(uid: uid, first: UInt8(first), count: UInt8(count)), op)
        try reply.check(op)
        let parsed = try FEIGParse.blocks(reply.data)
        guard parsed.data.count == count * blockSize else {
            throw ReaderError(.protocolViolation, operation: op, "asked for \(count * blockSize) bytes, reader sent \(parsed.data.count)")
        }
        return parsed.data
    }

    public func writeBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError) {
        let op = "write blocks"
        let count = try BlockRange.checkWrite(first: first, data: data, blockSize: blockSize, op)
        let payload = FEIGCommand.writeMultiple(
            uid: uid, first: UInt8(first), count: UInt8(count), blockSize: UInt8(blockSize), data: data)
        do {
            try await request(payload, op).check(op)
        } catch where count > 1 && error.kind == .deviceStatus && error.status == Self.isoCommandNotSupported {
            // Tags without Write Multiple Blocks refuse it with ISO error 0x01: fall back to one
            // block per command. Block writes fail transiently while a tag is moved on the pad
            // (ISO error 0x13); locked or absent blocks don't.
            try await BlockByBlock.write(
                first: first, data: data, blockSize: blockSize, attempts: configuration.retry.attempts,
                retryingWhen: { $0.kind == .deviceStatus && $0.status == Self.isoProgrammingFailed }
            ) { block, bytes throws(ReaderError) in
                let single = FEIGCommand.writeMultiple(
                    uid: uid, first: UInt8(block), count: 1, blockSize: UInt8(blockSize), data: bytes)
                try await request(single, op).check(op)
            }
        }
    }

    static let isoCommandNotSupported: UInt8 = 0x01

    static let isoProgrammingFailed: UInt8 = 0x13

    public func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError) {
        try await request(FEIGCommand.addressed(.writeAFI, uid, [afi]), "write AFI").check("write AFI")
    }

    public func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError) {
        try await request(FEIGCommand.addressed(.writeDSFID, uid, [dsfid]), "write DSFID").check("write DSFID")
    }

    public func setEAS(uid: TagUID, enabled: Bool) async throws(ReaderError) {
        let op = enabled ? "set EAS" : "reset EAS"
        try await request(FEIGCommand.nxp(enabled ? .setEAS : .resetEAS, uid: uid), op).check(op)
    }

    public func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool {
        let reply = try await request(FEIGCommand.nxp(.easAlarm, uid: uid), "EAS alarm")
        if reply.status == .noTransponder { return false }
        try reply.check("EAS alarm")
        return true
    }

    public func easAlarm(antenna: Int?) async throws(ReaderError) -> Bool {
        if let antenna {
            guard (1...2).contains(antenna) else {
                throw ReaderError(.invalidRequest, operation: "EAS alarm", "antenna \(antenna) does not exist (1 or 2)")
            }
            try await setRF(antenna: UInt8(antenna))
        }
        return try await easAlarm(uid: nil)
    }

    public func setRF(on: Bool) async throws(ReaderError) {
        try await setRF(antenna: on ? 1 : 0)
    }

    private func setRF(antenna: UInt8) async throws(ReaderError) {
        try await request(FEIGCommand.rf(antenna: antenna), "RF output").check("RF output")
    }

    public func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError) {
        let payload = try FEIGOutputs.payload(command: configuration.outputCommand, commands)
        try await request(payload, "set outputs").check("set outputs")
    }

    public func version() async throws(ReaderError) -> String {
        let reply = try await request([FEIGCommand.softwareVersion], "version")
        try reply.check("version")
        return try FEIGParse.version(reply.data)
    }

    public func close() async {
        closed = true
        transport.close()
    }
}
