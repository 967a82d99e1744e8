import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import Testing

@Suite("TRF7970A driver against the TRF7970A emulator")
struct TRF7970AReaderTests {
    static let uidA = TagUID(hex: "E004010046707A28")!
    static let uidB = TagUID(hex: "E00401503309CE74")!

    let field: TagField
    let transport: EmulatorTransport<TRF7970AEmulator>
    let reader: TRF7970AReader

    init() {
        field = TagField([
            EmulatedTag(uid: Self.uidA, dsfid: 0x06, afi: 0x07, eas: true, blockSize: 4, blockCount: 28, lockedBlocks: [27]),
            EmulatedTag(uid: Self.uidB, dsfid: 0x00, afi: 0xC2, eas: false, blockSize: 4, blockCount: 8),
        ])
        transport = EmulatorTransport(TRF7970AEmulator(), field: field)
        reader = TRF7970AReader(
            transport: transport,
            configuration: .init(retry: RetryPolicy(attempts: 3, timeout: .milliseconds(150)), inventoryIdleGap: .milliseconds(20)))
    }

    @Test("inventory lists every tag; the AFI filter keeps only matching tags")
    func inventory() async throws {
        let all = try await reader.inventory(afi: nil, antenna: nil)
        #expect(Set(all.map(\.uid)) == [Self.uidA, Self.uidB])
        // The EVM prints UID and RSSI only: the DSFID is unknown, not 00 (tag A's is 06).
        #expect(all.allSatisfy { $0.dsfid == nil })
        #expect(try await reader.inventory(afi: 0x07, antenna: nil).map(\.uid) == [Self.uidA])
        #expect(try await reader.inventory(afi: 0x99, antenna: nil).isEmpty)
    }

    @Test("the first operation initialises the board: identify, select ISO 15693, AGC, AM input")
    func initialisesOnce() async throws {
        _ = try await reader.inventory(afi: nil, antenna: nil)
        #expect(transport.roundTrips == 5)
        _ = try await reader.inventory(afi: nil, antenna: nil)
        #expect(transport.roundTrips == 6)
    }

    @Test("system information, multi-block write and read back")
    func tagMemory() async throws {
        let info = try await reader.systemInformation(uid: Self.uidA)
        #expect(info == TagSystemInfo(uid: Self.uidA, dsfid: 0x06, afi: 0x07, blockSize: 4, blockCount: 28, icReference: 0x01))
        let data: [UInt8] = Array(1...12)
        try await reader.writeBlocks(uid: Self.uidA, first: 2, data: data, blockSize: 4)
        #expect(try await reader.readBlocks(uid: Self.uidA, first: 2, count: 3, blockSize: 4) == data)
        #expect(field.tags.first { $0.uid == Self.uidA }.map { Array($0.memory[8..<20]) } == data)
    }

    @Test("AFI, DSFID and EAS writes reach the tag; EAS alarm follows the armed tags")
    func registersAndEAS() async throws {
        try await reader.writeAFI(uid: Self.uidB, afi: 0x07)
        try await reader.writeDSFID(uid: Self.uidB, dsfid: 0x06)
        #expect(try await reader.systemInformation(uid: Self.uidB).afi == 0x07)
        #expect(field.tags.first { $0.uid == Self.uidB }?.dsfid == 0x06)
        #expect(try await reader.easAlarm())
        #expect(try await reader.easAlarm(uid: Self.uidB) == false)
        try await reader.setEAS(uid: Self.uidB, enabled: true)
        #expect(try await reader.easAlarm())  // two armed tags collide: still an alarm
        #expect(try await reader.easAlarm(uid: Self.uidB))  // addressed: only B answers
        try await reader.setEAS(uid: Self.uidA, enabled: false)
        try await reader.setEAS(uid: Self.uidB, enabled: false)
        #expect(try await reader.easAlarm() == false)
    }

    @Test("tag errors are typed: locked block 0x12, block out of range 0x10, absent tag noTag")
    func tagErrors() async throws {
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "block or register is locked", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uidA, first: 27, data: [0, 0, 0, 0], blockSize: 4)
        }
        await #expect(throws: ReaderError(.blockOutOfRange, operation: "read blocks", "block not available on the tag", status: 0x10)) {
            try await reader.readBlocks(uid: Self.uidB, first: 6, count: 4, blockSize: 4)
        }
        field.remove(Self.uidB)
        do {
            _ = try await reader.systemInformation(uid: Self.uidB)
            Issue.record("an absent tag answered")
        } catch { #expect(error.kind == .noTag) }
    }

    @Test("a tag refusing Write Multiple Blocks (error 0x01) is written block by block, and that is remembered")
    func blockByBlockFallback() async throws {
        field.insert(EmulatedTag(uid: Self.uidB, dsfid: 0x00, afi: 0xC2, blockSize: 4, blockCount: 8, writeMultiple: false))
        _ = try await reader.systemInformation(uid: Self.uidB)  // board set-up out of the way
        let before = transport.roundTrips
        let data: [UInt8] = Array(1...12)
        try await reader.writeBlocks(uid: Self.uidB, first: 1, data: data, blockSize: 4)
        #expect(transport.roundTrips == before + 1 + 3)  // refused Write Multiple, then three Write Single
        #expect(await reader.multipleWritesRefused)
        #expect(field.tags.first { $0.uid == Self.uidB }.map { Array($0.memory[4..<16]) } == data)
        try await reader.writeBlocks(uid: Self.uidB, first: 4, data: Array(21...28), blockSize: 4)
        #expect(transport.roundTrips == before + 4 + 2)  // no second try of Write Multiple
        #expect(try await reader.readBlocks(uid: Self.uidB, first: 4, count: 2, blockSize: 4) == Array(21...28))
    }

    @Test("a tag that takes Write Multiple Blocks is written in one request")
    func writeMultipleWhenSupported() async throws {
        _ = try await reader.systemInformation(uid: Self.uidA)
        let before = transport.roundTrips
        try await reader.writeBlocks(uid: Self.uidA, first: 0, data: Array(1...8), blockSize: 4)
        #expect(transport.roundTrips == before + 1)
        #expect(await reader.multipleWritesRefused == false)
    }

    @Test("operations the board cannot do throw unsupported, and the capabilities say so")
    func unsupported() async {
        #expect(!reader.capabilities.contains(.outputs) && !reader.capabilities.contains(.multipleAntennas))
        await #expect(throws: ReaderError.unsupported("outputs", by: "trf7970a")) { try await reader.setOutputs([.init(.buzzer, on: true)]) }
        await #expect(throws: ReaderError.unsupported("antenna selection", by: "trf7970a")) { try await reader.inventory(afi: nil, antenna: 1) }
    }

    @Test("RF off silences the tags; RF on brings them back")
    func rfControl() async throws {
        try await reader.setRF(on: false)
        #expect(try await reader.inventory(afi: nil, antenna: nil).isEmpty)
        try await reader.setRF(on: true)
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 2)
    }

    @Test("version reports the firmware revision line")
    func version() async throws {
        #expect(try await reader.version() == "TRF7970A EVM Firmware Revision 03 from 11/Nov/2013")
    }

    @Test("a corrupted, dropped or truncated reply is retried after flushing")
    func faultsAreRetried() async throws {
        _ = try await reader.systemInformation(uid: Self.uidA)
        for fault in [EmulatorTransport<TRF7970AEmulator>.Fault.corruptNext, .dropNext, .truncateNext] {
            transport.inject(fault)
            let before = transport.roundTrips
            #expect(try await reader.readBlocks(uid: Self.uidA, first: 0, count: 1, blockSize: 4).count == 4)
            #expect(transport.roundTrips == before + 2, "\(fault)")
        }
    }

    @Test("a board that never answers gives a typed timeout after the configured attempts")
    func silenceIsATimeout() async throws {
        transport.inject(.dropAll)
        do {
            _ = try await reader.inventory(afi: nil, antenna: nil)
            Issue.record("silence produced an answer")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.operation == "initialise TRF7970A")
            #expect(transport.roundTrips == 3)
        }
    }

    @Test("a closed reader reports disconnected")
    func closed() async {
        await reader.close()
        await #expect(throws: ReaderError.self) { try await reader.version() }
    }
}

/// An EVM whose receiver garbles every tag answer: request mode always prints `[z]`.
struct GarblingEVM: ProtocolEmulator {
    static let protocolName = "trf7970a-garbling"
    var inner = TRF7970AEmulator()
    mutating func resetReceiver() { inner.resetReceiver() }
    mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        inner.receive(bytes, field: field).map { reply in
            let text = String(decoding: reply, as: UTF8.self)
            return text.hasPrefix("Request mode.") ? Array("Request mode.\r\n[z]\r\n".utf8) : reply
        }
    }
}

@Suite("TRF7970A driver when the air garbles answers")
struct TRF7970AGarbledAirTests {
    @Test("an addressed request answered [z] is retried, then fails as a protocol violation")
    func collisionsAreRetriedThenTyped() async throws {
        let uid = TagUID(hex: "E004010046707A28")!
        let transport = EmulatorTransport(GarblingEVM(), field: TagField([EmulatedTag(uid: uid)]))
        let reader = TRF7970AReader(transport: transport, configuration: .init(retry: .init(attempts: 3, timeout: .milliseconds(150))))
        do {
            _ = try await reader.readBlocks(uid: uid, first: 0, count: 1, blockSize: 4)
            Issue.record("a garbled answer was accepted")
        } catch {
            #expect(error.kind == .protocolViolation)
            #expect(error.detail.contains("collision or CRC error"))
            #expect(transport.roundTrips == 4 + 3)  // set-up, then the request three times
        }
    }
}
