import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import TestSupport
import Testing

/// The TRF7970A driver over a real pty against `rfid-emulator --protocol trf7970a`, paced at
/// 115200 baud: the path a station with a TI EVM takes, minus the board.
@Suite("TRF7970A driver against the rfid-emulator process", .serialized)
struct TRF7970AAgainstEmulatorProcessTests {
    typealias Emulator = FEIGAgainstEmulatorProcessTests.Emulator
    let uid = DemoTags.blank.uid
    let image: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]

    func reader(_ transport: SerialPort, attempts: Int = 3) -> TRF7970AReader {
        TRF7970AReader(transport: transport, configuration: .init(retry: .init(attempts: attempts, timeout: .milliseconds(300))))
    }

    @Test func taggingSequenceWorksAndPersistsToTheStateFile() async throws {
        let emulator = try Emulator(protocol: "trf7970a", arguments: [])
        let transport = try #require(emulator.connect())
        let reader = reader(transport)
        #expect(Set(try await reader.inventory(afi: nil, antenna: nil).map(\.uid)) == Set(DemoTags.all.map(\.uid)))
        #expect(try await reader.inventory(afi: 0x07, antenna: nil).count == 2)
        try await reader.writeBlocks(uid: uid, first: 0, data: image, blockSize: 4)
        try await reader.writeAFI(uid: uid, afi: 0x07)
        try await reader.setEAS(uid: uid, enabled: true)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 2, blockSize: 4) == image)
        #expect(try await reader.systemInformation(uid: uid).afi == 0x07)
        #expect(try await reader.easAlarm())
        await reader.close()
        #expect(emulator.stop() == 0)
        let saved = try #require(try MockStateFile(path: emulator.state).load().first(where: { $0.uid == uid }))
        #expect(saved.afi == 0x07 && saved.eas && Array(saved.memory.prefix(8)) == image)
    }

    @Test func faultyLineIsSurvivedThroughRetriesAndResync() async throws {
        let emulator = try Emulator(
            protocol: "trf7970a", arguments: ["--faults", "crc=0.2,drop=0.1,partial=0.1,garbage=0.2", "--seed", "11"])
        let transport = try #require(emulator.connect())
        let reader = reader(transport, attempts: 8)
        for i in 0..<8 {
            let block = [UInt8](repeating: UInt8(i + 1), count: 4)
            try await reader.writeBlocks(uid: uid, first: i, data: block, blockSize: 4)
            #expect(try await reader.readBlocks(uid: uid, first: i, count: 1, blockSize: 4) == block)
        }
        try await reader.writeAFI(uid: uid, afi: 0xC2)
        #expect(try await reader.systemInformation(uid: uid).afi == 0xC2)
        await reader.close()
        _ = emulator.stop()
    }

    @Test func aReaderThatStopsAnsweringGivesATypedTimeout() async throws {
        let emulator = try Emulator(protocol: "trf7970a", arguments: ["--faults", "drop=1"])
        let transport = try #require(emulator.connect())
        let reader = TRF7970AReader(transport: transport, configuration: .init(retry: .init(attempts: 2, timeout: .milliseconds(150))))
        do {
            _ = try await reader.inventory(afi: nil, antenna: nil)
            Issue.record("a silent emulator answered")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.description.contains("after 2 attempts"))
        }
        await reader.close()
        _ = emulator.stop()
    }
}

extension TRF7970AAgainstEmulatorProcessTests {
    /// An NXP ICODE SLIX answers Write Multiple Blocks with error 0x01; the state file flags it
    /// `"writeMultiple": false` and the emulator's tag answers so over the pty.
    @Test func aTagWithoutWriteMultipleIsWrittenBlockByBlockOverThePty() async throws {
        var slix = DemoTags.blank
        slix.writeMultiple = false
        let emulator = try Emulator(protocol: "trf7970a", tags: [slix, DemoTags.compliant], arguments: [])
        let reader = reader(try #require(emulator.connect()))
        let record: [UInt8] = Array(0x31...0x3C)
        try await reader.writeBlocks(uid: uid, first: 0, data: record, blockSize: 4)
        #expect(await reader.multipleWritesRefused)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 3, blockSize: 4) == record)
        // The other tag supports it; the remembered refusal only costs it round trips.
        try await reader.writeBlocks(uid: DemoTags.compliant.uid, first: 4, data: Array(1...8), blockSize: 4)
        await reader.close()
        #expect(emulator.stop() == 0)
        let saved = try MockStateFile(path: emulator.state).load()
        #expect(saved.first { $0.uid == uid }.map { Array($0.memory.prefix(12)) } == record)
        #expect(saved.first { $0.uid == DemoTags.compliant.uid }.map { Array($0.memory[16..<24]) } == Array(1...8))
    }

    @Test func vanishedBoardGivesATypedErrorThenWorksAfterReopening() async throws {
        let emulator = try Emulator(protocol: "trf7970a", arguments: ["--faults", "vanish=@1s:1s"])
        let transport = try #require(emulator.connect())
        let reader = TRF7970AReader(transport: transport, configuration: .init(retry: .init(attempts: 2, timeout: .milliseconds(200))))
        #expect(try await reader.version().contains("Firmware Revision"))
        try await Task.sleep(for: .milliseconds(1300))
        do {
            _ = try await reader.inventory(afi: nil, antenna: nil)
            Issue.record("a vanished board answered")
        } catch { #expect(error.kind == .timeout || error.kind == .disconnected || error.kind == .io) }
        await reader.close()
        try await Task.sleep(for: .milliseconds(1000))
        let again = try #require(emulator.connect())
        let reopened = self.reader(again)
        #expect(try await reopened.inventory(afi: nil, antenna: nil).count == 3)
        await reopened.close()
        _ = emulator.stop()
    }
}
