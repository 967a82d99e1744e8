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
        await #expect(throws: ReaderError(.blockOutOfRange, operation: "read blocks", "block not available on the tag", status: 0x11)) {
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

@Suite("3M 810 driver: AFI, tags without write-multiple, faults")
struct ThreeM810MoreReaderTests {
    static let uid = TagUID(hex: "E004010046707A28")!

    func setUp(_ emulator: ThreeM810Emulator = ThreeM810Emulator(), writeMultiple: Bool = true)
        -> (TagField, EmulatorTransport<ThreeM810Emulator>, ThreeM810Reader)
    {
        let field = TagField([
            EmulatedTag(uid: Self.uid, dsfid: 0x06, afi: 0x07, blockSize: 4, blockCount: 8, lockedBlocks: [7], writeMultiple: writeMultiple)
        ])
        let transport = EmulatorTransport(emulator, field: field)
        let reader = ThreeM810Reader(transport: transport, configuration: .init(retry: RetryPolicy(attempts: 3, timeout: .milliseconds(150))))
        return (field, transport, reader)
    }

    @Test("inventory lists UIDs only: the DSFID is unknown (nil), not 00")
    func inventoryHasNoDSFID() async throws {
        let (_, _, reader) = setUp()
        #expect(try await reader.inventory(afi: nil, antenna: nil) == [InventoryItem(uid: Self.uid, dsfid: nil)])
    }

    @Test("Get AFI (0x0A) reads the AFI; the capability says so; an absent tag is noTag")
    func getAFI() async throws {
        let (field, _, reader) = setUp()
        #expect(reader.capabilities.contains(.readAFI) && !reader.capabilities.contains(.systemInformation))
        #expect(try await reader.afi(uid: Self.uid) == 0x07)
        try await reader.writeAFI(uid: Self.uid, afi: 0xC2)
        #expect(try await reader.afi(uid: Self.uid) == 0xC2)
        field.replaceAll([])
        await #expect(throws: ReaderError(.noTag, operation: "read AFI", "no tag answered", status: 0x06)) {
            _ = try await reader.afi(uid: Self.uid)
        }
    }

    @Test("a tag refusing the multi-block write (0x30) is written one block per command, and that is remembered")
    func blockByBlockFallback() async throws {
        let (field, transport, reader) = setUp(writeMultiple: false)
        let data: [UInt8] = Array(1...12)
        try await reader.writeBlocks(uid: Self.uid, first: 1, data: data, blockSize: 4)
        #expect(transport.roundTrips == 1 + 3)  // the refused multi-block write, then one per block
        #expect(await reader.multipleWritesRefused)
        #expect(field.tags.first.map { Array($0.memory[4..<16]) } == data)
        let again: [UInt8] = Array(31...38)
        try await reader.writeBlocks(uid: Self.uid, first: 4, data: again, blockSize: 4)
        #expect(transport.roundTrips == 4 + 2)  // straight to single blocks
        #expect(try await reader.readBlocks(uid: Self.uid, first: 4, count: 2, blockSize: 4) == again)
    }

    @Test("a tag that takes several blocks at once is written with one command and the driver keeps doing so")
    func noFallbackWhenSupported() async throws {
        let (_, transport, reader) = setUp()
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: Array(1...8), blockSize: 4)
        #expect(transport.roundTrips == 1)
        #expect(await reader.multipleWritesRefused == false)
    }

    @Test("a locked block in the fallback fails at once with 0x12, no retries")
    func fallbackStopsAtALockedBlock() async throws {
        let (_, transport, reader) = setUp(writeMultiple: false)
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "block or register is locked", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uid, first: 6, data: Array(1...8), blockSize: 4)
        }
        #expect(transport.roundTrips == 1 + 2)  // block 6 written, block 7 refused once
    }

    @Test("a transient write error (0x16) in the fallback is retried, a bounded number of times")
    func fallbackRetriesWriteErrors() async throws {
        var flaky = ThreeM810Emulator()
        flaky.transientWriteErrors = 2  // block 0 fails twice, then takes
        let (field, transport, reader) = setUp(flaky, writeMultiple: false)
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: Array(1...8), blockSize: 4)
        #expect(transport.roundTrips == 1 + 3 + 1)  // refused multi-block write, block 0 three times, block 1
        #expect(field.tags.first.map { Array($0.memory[0..<8]) } == Array(1...8))

        var broken = ThreeM810Emulator()
        broken.transientWriteErrors = 100
        let (_, transport2, reader2) = setUp(broken, writeMultiple: false)
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "write error", status: 0x16)) {
            try await reader2.writeBlocks(uid: Self.uid, first: 0, data: Array(1...8), blockSize: 4)
        }
        #expect(transport2.roundTrips == 1 + 3)  // block 0 tried `attempts` times, then the error
    }

    @Test("a dropped reply is retried once; a reply cut short every time is a typed timeout")
    func droppedAndPartialReplies() async throws {
        let (_, transport, reader) = setUp()
        transport.inject(.dropNext)
        #expect(try await reader.version() == "3M 810 10.5.0.2")
        #expect(transport.roundTrips == 2)
        for _ in 0..<3 { transport.inject(.truncateNext) }
        do {
            _ = try await reader.version()
            Issue.record("a truncated reply was accepted")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.detail.contains("reply stopped after"))
        }
    }
}
