import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import Testing

@Suite("3M 810 driver against the 3M 810 emulator")
struct ThreeM810ReaderTests {
    static let uidA = TagUID(hex: "E004010046707A28")!
    static let uidB = TagUID(hex: "E00401503309CE74")!

    let field: TagField
    let transport: EmulatorTransport<ThreeM810Emulator>
    let reader: ThreeM810Reader

    init() {
        field = TagField([
            EmulatedTag(uid: Self.uidA, afi: 0x07, blockSize: 4, blockCount: 8, lockedBlocks: [7]),
            EmulatedTag(uid: Self.uidB, afi: 0xC2, blockSize: 4, blockCount: 8),
        ])
        transport = EmulatorTransport(ThreeM810Emulator(), field: field)
        reader = ThreeM810Reader(transport: transport, configuration: .init(retry: RetryPolicy(attempts: 2, timeout: .milliseconds(150))))
    }

    @Test("the emulator answers the captured inventory request with FE 00 00 05 <count> <UIDs>")
    func inventoryBytes() {
        var emulator = ThreeM810Emulator()
        let replies = emulator.receive([0xD6, 0x00, 0x05, 0xFE, 0x00, 0x05, 0xFA, 0x40], field: field)
        #expect(replies == [ThreeMFrame(payload: [0xFE, 0x00, 0x00, 0x05, 0x02] + Self.uidA.bytes + Self.uidB.bytes).encoded()])
    }

    @Test("inventory with and without AFI filter")
    func inventory() async throws {
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uidA, Self.uidB])
        #expect(try await reader.inventory(afi: 0x07, antenna: nil).map(\.uid) == [Self.uidA])
        field.replaceAll([])
        #expect(try await reader.inventory(afi: nil, antenna: nil).isEmpty)
    }

    @Test("multi-block write is one command; read-back returns the data")
    func writeRead() async throws {
        let data: [UInt8] = Array(10..<22)
        try await reader.writeBlocks(uid: Self.uidB, first: 1, data: data, blockSize: 4)
        #expect(transport.roundTrips == 1)
        #expect(try await reader.readBlocks(uid: Self.uidB, first: 1, count: 3, blockSize: 4) == data)
    }

    @Test("error bytes: locked 0x12, out of range 0x11, absent tag 0x06 -> noTag")
    func errors() async throws {
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "block or register is locked", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uidA, first: 7, data: [1, 2, 3, 4], blockSize: 4)
        }
        await #expect(throws: ReaderError(.deviceStatus, operation: "read blocks", "block not available on the tag", status: 0x11)) {
            _ = try await reader.readBlocks(uid: Self.uidA, first: 6, count: 4, blockSize: 4)
        }
        await #expect(throws: ReaderError(.noTag, operation: "write AFI", "no tag answered", status: 0x06)) {
            try await reader.writeAFI(uid: TagUID(hex: "E0040100000000FF")!, afi: 0x07)
        }
    }

    @Test("AFI and DSFID writes change the tag; version is answered")
    func registers() async throws {
        try await reader.writeAFI(uid: Self.uidB, afi: 0x07)
        try await reader.writeDSFID(uid: Self.uidB, dsfid: 0x3E)
        let tag = field.tags.first { $0.uid == Self.uidB }
        #expect(tag?.afi == 0x07 && tag?.dsfid == 0x3E)
        #expect(try await reader.version() == "3M 810 10.5.0.2")
    }

    @Test("operations the 3M protocol lacks throw unsupported")
    func unsupported() async {
        for op in [
            { try await reader.setRF(on: true) }, { _ = try await reader.easAlarm() },
            { try await reader.setEAS(uid: Self.uidA, enabled: true) }, { _ = try await reader.systemInformation(uid: Self.uidA) },
        ] as [@Sendable () async throws -> Void] {
            await #expect { try await op() } throws: { ($0 as? ReaderError)?.kind == .unsupported }
        }
    }

    @Test("CRC-corrupted reply is retried; silence is a typed timeout")
    func faults() async throws {
        transport.inject(.corruptNext)
        _ = try await reader.version()
        #expect(transport.roundTrips == 2)
        transport.inject(.dropAll)
        await #expect { try await reader.version() } throws: { ($0 as? ReaderError)?.kind == .timeout }
    }
}
