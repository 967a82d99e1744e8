import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import Testing

@Suite("ACR1552U driver against the ACR1552U emulator over an in-memory link")
struct ACR1552UReaderTests {
    static let uidA = TagUID(hex: "E004010046707A28")!
    static let uidB = TagUID(hex: "E00401503309CE74")!
    /// Shares uidA's low 12 bits on the air, so the mask search must go deep to part them.
    static let uidC = TagUID(hex: "E00401FFFFFFFA28")!

    let field: TagField
    let transport: EmulatorTransport<ACR1552UEmulator>

    init() {
        field = TagField([
            EmulatedTag(uid: Self.uidA, dsfid: 0x06, afi: 0x07, eas: true, blockSize: 4, blockCount: 28, lockedBlocks: [27]),
            EmulatedTag(uid: Self.uidB, dsfid: 0x00, afi: 0xC2, blockSize: 4, blockCount: 8),
        ])
        transport = EmulatorTransport(ACR1552UEmulator(), field: field)
    }

    func reader(_ configuration: ACR1552UReader.Configuration = .init(retry: .init(attempts: 3, timeout: .milliseconds(150))))
        -> ACR1552UReader
    {
        ACR1552UReader(endpoints: ByteStreamBulkEndpoints(transport), configuration: configuration)
    }

    @Test("inventory finds every tag by one-slot mask search, including UIDs that share low bits")
    func inventory() async throws {
        field.insert(EmulatedTag(uid: Self.uidC, dsfid: 0x01))
        let r = reader()
        let all = try await r.inventory(afi: nil, antenna: nil)
        #expect(Set(all.map(\.uid)) == [Self.uidA, Self.uidB, Self.uidC])
        #expect(all.first { $0.uid == Self.uidA }?.dsfid == 0x06)
        #expect(try await r.inventory(afi: 0xC2, antenna: nil).map(\.uid) == [Self.uidB])
    }

    @Test("no tag on the reader: empty inventory and no alarm, not an error")
    func emptyField() async throws {
        field.replaceAll([])
        let r = reader()
        #expect(try await r.inventory(afi: nil, antenna: nil).isEmpty)
        #expect(try await r.easAlarm() == false)
    }

    @Test("system information, multi-block write with the timer object, read back")
    func tagMemory() async throws {
        let r = reader()
        #expect(try await r.systemInformation(uid: Self.uidA).blockCount == 28)
        let data: [UInt8] = Array(1...8)
        try await r.writeBlocks(uid: Self.uidA, first: 4, data: data, blockSize: 4)
        #expect(try await r.readBlocks(uid: Self.uidA, first: 4, count: 2, blockSize: 4) == data)
        #expect(await r.verifiedWrites == 0)
    }

    @Test("without the timer object the reader reports 64 01 for a good write; reading back proves it took")
    func writeVerifiedByReadBack() async throws {
        let r = reader(.init(retry: .init(attempts: 3, timeout: .milliseconds(150)), writeTimerMicroseconds: nil))
        try await r.writeBlocks(uid: Self.uidB, first: 0, data: [9, 9, 9, 9], blockSize: 4)
        try await r.writeAFI(uid: Self.uidB, afi: 0x07)
        #expect(await r.verifiedWrites == 2)
        #expect(field.tags.first { $0.uid == Self.uidB }?.afi == 0x07)
    }

    @Test("a tag refusing Write Multiple Blocks (error 0x01) is written block by block, and that is remembered")
    func blockByBlockFallback() async throws {
        field.insert(EmulatedTag(uid: Self.uidB, dsfid: 0x00, afi: 0xC2, blockSize: 4, blockCount: 8, writeMultiple: false))
        let r = reader()
        let data: [UInt8] = Array(1...12)
        try await r.writeBlocks(uid: Self.uidB, first: 1, data: data, blockSize: 4)
        #expect(await r.multipleWritesRefused)
        #expect(await r.verifiedWrites == 0)  // every single-block write was answered, none guessed
        #expect(field.tags.first { $0.uid == Self.uidB }.map { Array($0.memory[4..<16]) } == data)
        try await r.writeBlocks(uid: Self.uidB, first: 4, data: Array(21...28), blockSize: 4)
        #expect(try await r.readBlocks(uid: Self.uidB, first: 1, count: 5, blockSize: 4) == data + Array(21...28))
    }

    @Test("a tag that takes Write Multiple Blocks does not trigger the fallback")
    func noFallbackWhenSupported() async throws {
        let r = reader()
        try await r.writeBlocks(uid: Self.uidA, first: 0, data: Array(1...8), blockSize: 4)
        #expect(await r.multipleWritesRefused == false)
    }

    @Test("a write that really failed is still an error after verification")
    func failedWriteStaysFailed() async throws {
        let r = reader(.init(retry: .init(attempts: 3, timeout: .milliseconds(150)), writeTimerMicroseconds: nil))
        await #expect(throws: ReaderError.self) {
            try await r.writeBlocks(uid: Self.uidA, first: 27, data: [1, 2, 3, 4], blockSize: 4)
        }
    }

    @Test("EAS: set, reset and alarm with zero, one and two armed tags")
    func eas() async throws {
        let r = reader()
        #expect(try await r.easAlarm())
        #expect(try await r.easAlarm(uid: Self.uidB) == false)
        try await r.setEAS(uid: Self.uidB, enabled: true)
        #expect(try await r.easAlarm())
        #expect(try await r.easAlarm(uid: Self.uidB))
        try await r.setEAS(uid: Self.uidA, enabled: false)
        try await r.setEAS(uid: Self.uidB, enabled: false)
        #expect(try await r.easAlarm() == false)
    }

    @Test("a tag taken away is noTag; the session is reopened when a tag returns")
    func tagLeavesAndReturns() async throws {
        let r = reader()
        _ = try await r.systemInformation(uid: Self.uidA)
        let saved = field.tags
        field.replaceAll([])
        do {
            _ = try await r.systemInformation(uid: Self.uidA)
            Issue.record("an absent tag answered")
        } catch { #expect(error.kind == .noTag) }
        field.replaceAll(saved)
        #expect(try await r.systemInformation(uid: Self.uidA).afi == 0x07)
    }

    @Test("lost or cut replies are retried with a new sequence number; silence is a typed timeout")
    func faults() async throws {
        let r = reader()
        _ = try await r.inventory(afi: nil, antenna: nil)
        transport.inject(.dropNext)
        #expect(try await r.readBlocks(uid: Self.uidA, first: 0, count: 1, blockSize: 4).count == 4)
        transport.inject(.truncateNext)
        #expect(try await r.readBlocks(uid: Self.uidA, first: 0, count: 1, blockSize: 4).count == 4)
        transport.inject(.dropAll)
        do {
            _ = try await r.readBlocks(uid: Self.uidA, first: 0, count: 1, blockSize: 4)
            Issue.record("silence produced an answer")
        } catch { #expect(error.kind == .timeout) }
    }

    @Test("outputs, RF control, version and antennas are not offered and throw unsupported")
    func unsupported() async {
        let r = reader()
        #expect(!r.capabilities.contains(.outputs) && !r.capabilities.contains(.rfControl) && !r.capabilities.contains(.version))
        await #expect(throws: ReaderError.unsupported("outputs", by: "acr1552u")) { try await r.setOutputs([]) }
        await #expect(throws: ReaderError.unsupported("version", by: "acr1552u")) { try await r.version() }
    }
}
