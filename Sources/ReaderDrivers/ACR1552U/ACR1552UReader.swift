import ReaderCore
import ReaderProtocols
import ReaderTransport

/// An ACS ACR1552U driven directly over its CCID bulk endpoints (no pcscd): the tag on the
/// reader is powered as a contactless "card", a PC/SC transparent session is opened and
/// switched to ISO 15693, and raw ISO 15693 requests are exchanged inside `FF C2` APDUs.
/// Inventory uses one-slot requests with a growing mask (binary search over the UID bits),
/// because a transparent session cannot send the slot markers of a 16-slot inventory.
public actor ACR1552UReader: RFIDReader, ISO15693PassThrough {
    public struct Configuration: Sendable {
        public var retry: RetryPolicy
        /// Timer object sent with writes; without it the reader may report "no response"
        /// (64 01) for a write that succeeded. nil sends none (writes are then verified).
        public var writeTimerMicroseconds: UInt32?
        public var highDataRate: Bool
        public var writeOptionFlag: Bool
        /// Upper bound on one-slot inventory requests per inventory (a field full of tags).
        public var maximumInventoryRequests: Int

        public init(
            retry: RetryPolicy = RetryPolicy(), writeTimerMicroseconds: UInt32? = 1_000_000, highDataRate: Bool = true,
            writeOptionFlag: Bool = false, maximumInventoryRequests: Int = 1024
        ) {
            self.retry = retry
            self.writeTimerMicroseconds = writeTimerMicroseconds
            self.highDataRate = highDataRate
            self.writeOptionFlag = writeOptionFlag
            self.maximumInventoryRequests = maximumInventoryRequests
        }
    }

    public nonisolated let name: String
    nonisolated let driverName = "acr1552u"
    public nonisolated let capabilities: ReaderCapabilities = [
        .inventory, .afiFilteredInventory, .systemInformation, .readBlocks, .writeBlocks, .writeMultipleBlocks,
        .writeAFI, .readAFI, .writeDSFID, .eas, .easAlarm,
    ]
    private let endpoints: any BulkEndpoints
    private let configuration: Configuration
    private var closed = false
    private var sequence: UInt8 = 0
    private var sessionOpen = false
    /// Writes that came back "no response" but were found written when read back.
    public private(set) var verifiedWrites = 0
    /// Set once a tag refused Write Multiple Blocks (error 0x01): later writes go block by block.
    public internal(set) var multipleWritesRefused = false
    var dataRate: UInt8 { configuration.highDataRate ? ISO15693Request.Flag.highDataRate : 0 }
    var writeOptionFlag: Bool { configuration.writeOptionFlag }
    var airRetries: Int { configuration.retry.attempts - 1 }

    public init(endpoints: any BulkEndpoints, configuration: Configuration = Configuration()) {
        self.endpoints = endpoints
        self.configuration = configuration
        self.name = "acr1552u on \(endpoints.description)"
    }

    func ccid(_ kind: CCIDMessage.Kind, _ data: [UInt8] = [], _ op: String) async throws(ReaderError) -> CCIDMessage {
        guard !closed else { throw ReaderError(.disconnected, operation: op, "the reader was closed") }
        // Numbers used by abandoned attempts stay used, so their late replies never match.
        let (reply, next) = await CCIDExchange.run(
            CCIDMessage(kind: kind, sequence: 0, data: data), over: endpoints, policy: configuration.retry, operation: op,
            sequence: sequence)
        sequence = next
        return try reply.get()
    }

    /// Powers the tag and opens the ISO 15693 transparent session; throws `.noTag` when the
    /// reader reports no card in the field.
    func ensureSession(_ op: String) async throws(ReaderError) {
        guard !sessionOpen else { return }
        let power = try await ccid(.iccPowerOn, [], op)
        guard power.status.command == .ok else {
            if power.status.card == .absent || power.status.error == CCIDSlotStatus.iccMute {
                throw ReaderError(.noTag, operation: op, "no tag on the reader")
            }
            throw ReaderError(.deviceStatus, operation: op, power.status.errorSummary, status: power.status.error)
        }
        _ = try await apdu(TransparentSession.startSession, op)
        _ = try await apdu(TransparentSession.switchToISO15693, op)
        sessionOpen = true
    }

    /// One APDU in an XfrBlock; returns the parsed reply after checking the outer status word.
    func apdu(_ bytes: [UInt8], _ op: String) async throws(ReaderError) -> TransparentSession.Reply {
        let reply = try await ccid(.xfrBlock, bytes, op)
        guard reply.kind == .dataBlock else {
            throw ReaderError(.protocolViolation, operation: op, "reader answered an APDU with CCID message 0x\(String(reply.kind.rawValue, radix: 16))")
        }
        guard reply.status.command == .ok else {
            sessionOpen = false  // the card was removed or powered down under us
            if reply.status.card != .presentActive || reply.status.error == CCIDSlotStatus.iccMute {
                throw ReaderError(.noTag, operation: op, "the tag left the reader")
            }
            throw ReaderError(.deviceStatus, operation: op, reply.status.errorSummary, status: reply.status.error)
        }
        let parsed = try TransparentSession.parse(reply.data, operation: op)
        if parsed.status == .notAllowed { sessionOpen = false }
        if let error = parsed.status.error(operation: op) { throw error }
        if let generic = parsed.genericError, generic.status != .ok, generic.status != .noResponse,
            let error = generic.status.error(operation: op)
        {
            throw error
        }
        return parsed
    }

    func transceive(_ frame: [UInt8], _ operation: String) async throws(ReaderError) -> AirResult {
        try await ensureSession(operation)
        let writes = frame.count >= 2 && ISO15693Request.Command(rawValue: frame[1])?.writes == true
        let timer = writes ? configuration.writeTimerMicroseconds : nil
        let reply: TransparentSession.Reply
        do throws(ReaderError) {
            reply = try await apdu(TransparentSession.exchange(frame, timerMicroseconds: timer), operation)
        } catch where error.kind == .noTag {
            return .silence
        }
        if reply.genericError?.status == .noResponse { return .silence }
        if let status = reply.first(TransparentSession.Tag.responseStatus)?.value.first, status & 0x03 != 0 {
            return .collision  // bit 0 CRC error, bit 1 collision: either way the answer is unusable
        }
        guard let response = reply.first(TransparentSession.Tag.iccResponse) else {
            throw ReaderError(.protocolViolation, operation: operation, "reader reply has no ICC response object (97)")
        }
        return .response(response.value)
    }

    func writeMayHaveSucceeded(_ operation: String, verify: () async throws(ReaderError) -> Bool) async throws(ReaderError) -> Bool {
        let took = try await verify()
        if took { verifiedWrites += 1 }
        return took
    }

    public func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem] {
        guard antenna == nil else { throw .unsupported("antenna selection", by: driverName) }
        do throws(ReaderError) {
            try await ensureSession("inventory")
        } catch where error.kind == .noTag {
            return []
        }
        var found: [InventoryItem] = []
        var pending: [(bits: Int, mask: UInt64)] = [(0, 0)]
        var requests = 0
        while let (bits, mask) = pending.popLast() {
            requests += 1
            guard requests <= configuration.maximumInventoryRequests else {
                throw ReaderError(.protocolViolation, operation: "inventory", "anticollision did not finish within \(configuration.maximumInventoryRequests) requests")
            }
            let frame = ISO15693Request.inventory(afi: afi, maskBits: bits, mask: mask, oneSlot: true, dataRate: dataRate)
            switch try await transceive(frame, "inventory") {
            case .silence:
                continue
            case .response(let r):
                let item = try ISO15693Response.inventory(r)
                if !found.contains(where: { $0.uid == item.uid }) { found.append(item) }
            case .collision:
                guard bits < 64 else {
                    throw ReaderError(.protocolViolation, operation: "inventory", "two answers to a full 64-bit mask (duplicate UID?)")
                }
                pending.append((bits + 1, mask | (1 << UInt64(bits))))
                pending.append((bits + 1, mask))
            }
        }
        return found
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

    public func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool {
        do throws(ReaderError) {
            try await ensureSession("EAS alarm")
        } catch where error.kind == .noTag {
            return false
        }
        return try await iso15693EASAlarm(uid: uid)
    }

    public func setRF(on: Bool) async throws(ReaderError) { throw .unsupported("RF control", by: driverName) }
    public func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError) { throw .unsupported("outputs", by: driverName) }
    public func version() async throws(ReaderError) -> String { throw .unsupported("version", by: driverName) }

    public func close() async {
        if sessionOpen {
            // Best effort: leave the reader as PC/SC software expects to find it.
            _ = try? await apdu(TransparentSession.endSession, "close")
            _ = try? await ccid(.iccPowerOff, [], "close")
        }
        closed = true
        sessionOpen = false
        endpoints.close()
    }
}
