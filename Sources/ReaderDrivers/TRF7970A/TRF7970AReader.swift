import ReaderCore
import ReaderProtocols
import ReaderTransport

/// A TI TRF7970A evaluation module (and the "RFIDGeek" boards with its firmware) over its
/// CP210x USB-UART at 115200 8N1. The board passes ISO 15693 requests through, so reads,
/// writes, AFI, DSFID and NXP EAS all work; it has one antenna and no library outputs.
public actor TRF7970AReader: RFIDReader, ISO15693PassThrough {
    public struct Configuration: Sendable {
        public var retry: RetryPolicy
        /// High data rate (ISO Control 0x02, flag 0x02). Off by default to match the frames TI's
        /// GUI and the public captures use (ISO Control 0x00).
        public var highDataRate: Bool
        /// Option flag on writes, for TI Tag-it HF-I tags.
        public var writeOptionFlag: Bool
        /// How long the line must stay quiet before an inventory is taken as complete.
        public var inventoryIdleGap: Duration
        public static let serialSettings = (baud: 115200, dataBits: 8, parity: "none", stopBits: 1)

        public init(
            retry: RetryPolicy = RetryPolicy(), highDataRate: Bool = false, writeOptionFlag: Bool = false,
            inventoryIdleGap: Duration = .milliseconds(60)
        ) {
            self.retry = retry
            self.highDataRate = highDataRate
            self.writeOptionFlag = writeOptionFlag
            self.inventoryIdleGap = inventoryIdleGap
        }
    }

    public nonisolated let name: String
    nonisolated let driverName = "trf7970a"
    public nonisolated let capabilities: ReaderCapabilities = [
        .inventory, .afiFilteredInventory, .systemInformation, .readBlocks, .writeBlocks, .writeMultipleBlocks,
        .writeAFI, .readAFI, .writeDSFID, .eas, .easAlarm, .rfControl, .version,
    ]
    private let transport: any ByteTransport
    private let configuration: Configuration
    private var closed = false
    private var initialised = false
    /// Replies the board still owes, by the description line each starts with (see `ReplyLedger`).
    private var ledger = ReplyLedger<String?>()
    /// Set once a tag refused Write Multiple Blocks (error 0x01): later writes go block by block.
    public internal(set) var multipleWritesRefused = false
    var dataRate: UInt8 { configuration.highDataRate ? ISO15693Request.Flag.highDataRate : 0 }
    var writeOptionFlag: Bool { configuration.writeOptionFlag }
    var airRetries: Int { configuration.retry.attempts - 1 }

    public init(transport: any ByteTransport, configuration: Configuration = Configuration()) {
        self.transport = transport
        self.configuration = configuration
        self.name = "trf7970a on \(transport.description)"
    }

    func command(_ frame: TRF7970AFrame, _ expect: TRF7970AExchange.Expect, _ op: String) async throws(ReaderError) -> TRF7970AExchange.Answer {
        guard !closed else { throw ReaderError(.disconnected, operation: op, "the reader was closed") }
        let (answer, owed) = await TRF7970AExchange.run(
            frame, expect: expect, over: transport, policy: configuration.retry, ledger: ledger, operation: op)
        ledger = owed
        return try answer.get()
    }

    /// The set-up TI's GUI performs: identify the board, select ISO 15693 with the field on,
    /// AGC, AM input. Done once, before the first tag operation.
    func initialiseIfNeeded() async throws(ReaderError) {
        guard !initialised else { return }
        let op = "initialise TRF7970A"
        let hello = try await command(TRF7970ACommand.initialiseFrame(), .banner(TRF7970ACommand.Banner.initialise, blankAfter: true), op)
        guard hello.banner.contains("TRF7970A") else {
            throw ReaderError(.protocolViolation, operation: op, "the board did not identify itself as a TRF7970A EVM")
        }
        try await selectISO15693(rfOn: true, op)
        _ = try await command(TRF7970ACommand.agcFrame(), .banner(TRF7970ACommand.Banner.agc, blankAfter: false), op)
        _ = try await command(TRF7970ACommand.amInput(), .banner(TRF7970ACommand.Banner.amPM, blankAfter: false), op)
        initialised = true
    }

    private func selectISO15693(rfOn: Bool, _ op: String) async throws(ReaderError) {
        let rate = configuration.highDataRate ? TRF7970ACommand.iso15693HighRate : TRF7970ACommand.iso15693LowRate
        let frame = TRF7970ACommand.registerWrite([
            (TRF7970ACommand.chipStatusControl, rfOn ? TRF7970ACommand.rfOnFullPower : TRF7970ACommand.rfOff),
            (TRF7970ACommand.isoControl, rate),
        ])
        _ = try await command(frame, .banner(TRF7970ACommand.Banner.registerWrite, blankAfter: true), op)
    }

    func transceive(_ frame: [UInt8], _ operation: String) async throws(ReaderError) -> AirResult {
        try await initialiseIfNeeded()
        let answer = try await command(TRF7970ACommand.request(frame), .request, operation)
        guard answer.results.count == 1, let item = answer.results.first else {
            throw ReaderError(.protocolViolation, operation: operation, "request mode printed \(answer.results.count) bracket items, expected 1")
        }
        switch item {
        case .data(let bytes): return .response(bytes)
        case .collision: return .collision
        case .silence: return .silence
        case .tag: throw ReaderError(.protocolViolation, operation: operation, "request mode printed an inventory item")
        }
    }

    func writeMayHaveSucceeded(_ operation: String, verify: () async throws(ReaderError) -> Bool) async throws(ReaderError) -> Bool {
        false  // the EVM waits for the tag's answer; silence means the write did not happen
    }

    public func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        guard antenna == nil else { throw .unsupported("antenna selection", by: driverName) }
        try await initialiseIfNeeded()
        let iso = ISO15693Request.inventory(afi: afi, oneSlot: false, dataRate: dataRate)
        let answer = try await command(TRF7970ACommand.inventory(iso), .inventory(idleGap: configuration.inventoryIdleGap), "inventory")
        var seen = Set<TagUID>()
        var items: [InventoryItem] = []
        for case .tag(let uid, _) in answer.results where seen.insert(uid).inserted {
            // The firmware prints UID and RSSI only: the DSFID is unknown here (ask system information).
            items.append(InventoryItem(uid: uid, dsfid: nil))
        }
        return items
    }

    public func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo {
        try await iso15693SystemInformation(uid: uid)
    }

    public func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8] {
        try await iso15693ReadBlocks(uid: uid, first: first, count: count, blockSize: blockSize)
    }

    public func writeBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError) {
        try await iso15693WriteBlocks(uid: uid, first: first, data: data, blockSize: blockSize)
    }

    public func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError) {
        try await iso15693WriteRegister(.writeAFI, uid: uid, value: afi, "write AFI")
    }

    public func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError) {
        try await iso15693WriteRegister(.writeDSFID, uid: uid, value: dsfid, "write DSFID")
    }

    public func setEAS(uid: TagUID, enabled: Bool) async throws(ReaderError) {
        try await iso15693SetEAS(uid: uid, enabled: enabled)
    }

    public func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool { try await iso15693EASAlarm(uid: uid) }

    public func setRF(on: Bool) async throws(ReaderError) {
        try await initialiseIfNeeded()
        try await selectISO15693(rfOn: on, "RF output")
    }

    public func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError) {
        throw .unsupported("outputs", by: driverName)
    }

    public func version() async throws(ReaderError) -> String {
        let answer = try await command(TRF7970AFrame(command: TRF7970ACommand.firmwareVersion), .banner(nil, blankAfter: true), "version")
        return "TRF7970A EVM " + answer.banner
    }

    public func close() async {
        closed = true
        transport.close()
    }
}
