import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import Testing

@Suite("FEIG driver against the FEIG emulator")
struct FEIGReaderTests {
    static let uidA = TagUID(hex: "E004010046707A28")!
    static let uidB = TagUID(hex: "E00401503309CE74")!

    let field: TagField
    let transport: EmulatorTransport<FEIGEmulator>
    let reader: FEIGReader

    init() {
        field = TagField([
            EmulatedTag(uid: Self.uidA, dsfid: 0x06, afi: 0x07, blockSize: 4, blockCount: 28, lockedBlocks: [27]),
            EmulatedTag(uid: Self.uidB, dsfid: 0x00, afi: 0xC2, eas: false, blockSize: 4, blockCount: 8),
        ])
        transport = EmulatorTransport(FEIGEmulator(), field: field)
        reader = FEIGReader(
            transport: transport, configuration: .init(retry: RetryPolicy(attempts: 3, timeout: .milliseconds(150))))
    }

    @Test("inventory lists every tag; AFI filter keeps only matching tags")
    func inventory() async throws {
        let all = try await reader.inventory(afi: nil, antenna: nil)
        #expect(Set(all.map(\.uid)) == [Self.uidA, Self.uidB])
        let secured = try await reader.inventory(afi: 0x07, antenna: nil)
        #expect(secured == [InventoryItem(uid: Self.uidA, dsfid: 0x06)])
        #expect(try await reader.inventory(afi: 0x99, antenna: nil).isEmpty)
    }

    @Test("antenna selection switches RF to that antenna and tags report it")
    func antenna() async throws {
        let items = try await reader.inventory(afi: nil, antenna: 2)
        // Both tags, each reported on antenna 2 (an empty list would satisfy "all on 2").
        #expect(Set(items.map(\.uid)) == [Self.uidA, Self.uidB])
        #expect(items.allSatisfy { $0.antenna == 2 })
        await #expect(throws: ReaderError.self) { try await reader.inventory(afi: nil, antenna: 3) }
    }

    @Test("system information reports DSFID, AFI and memory layout")
    func systemInformation() async throws {
        let info = try await reader.systemInformation(uid: Self.uidA)
        #expect(info == TagSystemInfo(uid: Self.uidA, dsfid: 0x06, afi: 0x07, blockSize: 4, blockCount: 28, icReference: 0x01))
    }

    @Test("a multi-block write is one command and reads back")
    func writeAndRead() async throws {
        let data: [UInt8] = Array(1...12)
        try await reader.writeBlocks(uid: Self.uidA, first: 2, data: data, blockSize: 4)
        #expect(transport.roundTrips == 1)
        #expect(try await reader.readBlocks(uid: Self.uidA, first: 2, count: 3, blockSize: 4) == data)
    }

    @Test("a tag flagged without write-multiple refuses it (ISO 0x01) and gets the data block by block")
    func blockByBlockFallbackForATagWithoutWriteMultiple() async throws {
        field.insert(EmulatedTag(uid: Self.uidB, afi: 0xC2, blockSize: 4, blockCount: 8, writeMultiple: false))
        let data: [UInt8] = Array(41...48)
        try await reader.writeBlocks(uid: Self.uidB, first: 0, data: data, blockSize: 4)
        #expect(transport.roundTrips == 1 + 2)
        #expect(try await reader.readBlocks(uid: Self.uidB, first: 0, count: 2, blockSize: 4) == data)
    }

    @Test("the set-output command is 0x72 (ID ISC) by default and 0x71 when configured for ID CPR")
    func outputCommandFollowsTheConfiguration() async throws {
        let commands = SeenCommands()
        let isc = FEIGReader(transport: EmulatorTransport(RecordingFEIG(seen: commands), field: field))
        try await isc.setOutputs([OutputCommand(.led(1), on: true)])
        let cpr = FEIGReader(
            transport: EmulatorTransport(RecordingFEIG(seen: commands), field: field),
            configuration: .init(outputCommand: FEIGCommand.setOutputCPR))
        try await cpr.setOutputs([OutputCommand(.led(1), on: true)])
        #expect(commands.payloads.map(\.first) == [0x72, 0x71])
    }

    @Test("tags without write-multiple get the data block by block after ISO error 0x01")
    func blockByBlockFallback() async throws {
        var emulator = FEIGEmulator()
        emulator.writeMultipleSupported = false
        let transport = EmulatorTransport(emulator, field: field)
        let reader = FEIGReader(transport: transport)
        let data: [UInt8] = Array(21...32)
        try await reader.writeBlocks(uid: Self.uidA, first: 4, data: data, blockSize: 4)
        #expect(transport.roundTrips == 4)
        #expect(try await reader.readBlocks(uid: Self.uidA, first: 4, count: 3, blockSize: 4) == data)
    }

    @Test("writing a locked block fails with ISO error 0x12; out of range with 0x10")
    func tagErrors() async throws {
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "the tag refused the request (ISO error 0x12)", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uidA, first: 27, data: [0, 0, 0, 0], blockSize: 4)
        }
        do {
            _ = try await reader.readBlocks(uid: Self.uidB, first: 6, count: 4, blockSize: 4)
            Issue.record("read past the end succeeded")
        } catch {
            #expect(error.kind == .blockOutOfRange && error.status == 0x10)
        }
    }

    @Test("an absent tag gives noTag")
    func absentTag() async throws {
        do {
            try await reader.writeAFI(uid: TagUID(hex: "E0040100000000FF")!, afi: 0x07)
            Issue.record("write to an absent tag succeeded")
        } catch {
            #expect(error.kind == .noTag)
        }
    }

    @Test("AFI, DSFID and EAS writes change the tag; EAS alarm follows the EAS bit")
    func registers() async throws {
        try await reader.writeAFI(uid: Self.uidB, afi: 0x07)
        try await reader.writeDSFID(uid: Self.uidB, dsfid: 0x3E)
        #expect(try await reader.easAlarm() == false)
        try await reader.setEAS(uid: Self.uidB, enabled: true)
        #expect(try await reader.easAlarm() == true)
        #expect(try await reader.easAlarm(uid: Self.uidB) == true)
        #expect(try await reader.easAlarm(uid: Self.uidA) == false)
        let tag = field.tags.first { $0.uid == Self.uidB }
        #expect(tag?.afi == 0x07 && tag?.dsfid == 0x3E && tag?.eas == true)
        try await reader.setEAS(uid: Self.uidB, enabled: false)
        #expect(try await reader.easAlarm() == false)
    }

    @Test("RF, outputs and version are answered")
    func control() async throws {
        try await reader.setRF(on: false)
        try await reader.setOutputs([OutputCommand(.led(1), on: true, duration: .milliseconds(500)), OutputCommand(.buzzer, on: true)])
        #expect(try await reader.version().hasPrefix("FEIG SW 3.4.0"))
    }

    @Test("the tagging sequence takes exactly five round trips")
    func taggingSequence() async throws {
        let uid = try #require(try await reader.inventory(afi: nil, antenna: nil).first?.uid)
        let info = try await reader.systemInformation(uid: uid)
        let record = [UInt8](repeating: 0x41, count: 4 * info.blockSize)
        try await reader.writeBlocks(uid: uid, first: 0, data: record, blockSize: info.blockSize)
        try await reader.writeAFI(uid: uid, afi: 0x07)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 4, blockSize: info.blockSize) == record)
        #expect(transport.roundTrips == 5)
    }

    @Test("a reply with a corrupted CRC is retried and succeeds")
    func corruptedReplyRetried() async throws {
        transport.inject(.corruptNext)
        #expect(try await reader.version().hasPrefix("FEIG"))
        #expect(transport.roundTrips == 2)
    }

    @Test("a dropped reply is retried; silence gives a typed timeout within the deadline")
    func droppedReply() async throws {
        transport.inject(.dropNext)
        _ = try await reader.version()
        #expect(transport.roundTrips == 2)
        transport.inject(.dropAll)
        let start = ContinuousClock.now
        await #expect { try await reader.version() } throws: { ($0 as? ReaderError)?.kind == .timeout }
        // "Not a hang": bounded by the retry deadlines (about 3 s here), with room for a loaded
        // machine, where the whole suite's processes and ptys once delayed this task's
        // resumption by over 20 s.
        #expect(ContinuousClock.now - start < .seconds(60))
    }

    @Test("a partial frame then silence gives a timeout, not a hang")
    func partialFrame() async throws {
        for _ in 0..<3 { transport.inject(.truncateNext) }
        let start = ContinuousClock.now
        do {
            _ = try await reader.version()
            Issue.record("a truncated reply was accepted")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.detail.contains("stopped after"))
        }
        // "Not a hang": bounded by the retry deadlines (about 3 s here), with room for a loaded
        // machine, where the whole suite's processes and ptys once delayed this task's
        // resumption by over 20 s.
        #expect(ContinuousClock.now - start < .seconds(60))
    }

    @Test("a closed reader reports disconnected")
    func closed() async throws {
        await reader.close()
        do {
            _ = try await reader.version()
            Issue.record("closed reader answered")
        } catch {
            #expect(error.kind == .disconnected)
        }
    }
}
