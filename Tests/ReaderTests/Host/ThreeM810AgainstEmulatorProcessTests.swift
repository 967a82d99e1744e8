import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Testing

/// The 3M 810 driver over the product `SerialPort` on a real pty against
/// `rfid-emulator --protocol 3m810`, paced at the cable's 19200 baud 8N1, with the line faults
/// the FEIG and TRF7970A drivers are already tested against.
@Suite("3M 810 driver against the rfid-emulator process", .serialized)
struct ThreeM810AgainstEmulatorProcessTests {
    typealias Emulator = FEIGAgainstEmulatorProcessTests.Emulator
    let uid = DemoTags.blank.uid

    func reader(_ transport: SerialPort, attempts: Int = 2) -> ThreeM810Reader {
        ThreeM810Reader(transport: transport, configuration: .init(retry: .init(attempts: attempts, timeout: .milliseconds(300))))
    }

    @Test func repliesCutShortAreRetriedUntilAWholeOneArrives() async throws {
        let emulator = try Emulator(protocol: "3m810", arguments: ["--faults", "partial=0.3,crc=0.1", "--seed", "5"])
        let reader = reader(try #require(emulator.connect()), attempts: 8)
        for i in 0..<6 {
            let block = [UInt8](repeating: UInt8(0x10 + i), count: 4)
            try await reader.writeBlocks(uid: uid, first: i, data: block, blockSize: 4)
            #expect(try await reader.readBlocks(uid: uid, first: i, count: 1, blockSize: 4) == block)
        }
        await reader.close()
        #expect(emulator.stop() == 0)
        // The fault really was injected.
        #expect(emulator.summary.contains(" partial") && !emulator.summary.contains(", 0 partial"))
    }

    @Test func aReaderThatOnlySendsHalfRepliesGivesATypedTimeout() async throws {
        let emulator = try Emulator(protocol: "3m810", arguments: ["--faults", "partial=1"])
        let reader = reader(try #require(emulator.connect()))
        do {
            _ = try await reader.version()
            Issue.record("half a reply was accepted")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.detail.contains("reply stopped after"))
            #expect(error.detail.contains("after 2 attempts"))
        }
        await reader.close()
        _ = emulator.stop()
    }

    /// Seed 173 drops the emulator's first reply and none of the next 59 (one draw per reply).
    /// A generous timeout, so a busy machine adds no retry that would shift the pattern.
    @Test func aSingleDroppedReplyIsRetried() async throws {
        let emulator = try Emulator(protocol: "3m810", arguments: ["--faults", "drop=0.05", "--seed", "173"])
        let reader = ThreeM810Reader(
            transport: try #require(emulator.connect()), configuration: .init(retry: .init(attempts: 2, timeout: .seconds(1))))
        #expect(try await reader.version() == "3M 810 10.5.0.2")
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 3)
        await reader.close()
        #expect(emulator.stop() == 0)
        #expect(emulator.summary.contains("3 replies, 1 dropped,"))
    }

    @Test func vanishedReaderGivesATypedErrorThenWorksAfterReopening() async throws {
        let emulator = try Emulator(protocol: "3m810", arguments: ["--faults", "vanish=@1s:1s"])
        let reader = reader(try #require(emulator.connect()))
        #expect(try await reader.version().hasPrefix("3M 810"))
        try await Task.sleep(for: .milliseconds(1300))
        do {
            _ = try await reader.inventory(afi: nil, antenna: nil)
            Issue.record("a vanished reader answered")
        } catch { #expect(error.kind == .timeout || error.kind == .disconnected || error.kind == .io) }
        await reader.close()
        try await Task.sleep(for: .milliseconds(1000))
        let reopened = self.reader(try #require(emulator.connect()))
        #expect(try await reopened.inventory(afi: nil, antenna: nil).count == 3)
        await reopened.close()
        _ = emulator.stop()
    }

    /// A tag flagged `"writeMultiple": false` in the state file refuses a multi-block 0x04.
    @Test func aTagWithoutWriteMultipleIsWrittenBlockByBlock() async throws {
        var slix = DemoTags.blank
        slix.writeMultiple = false
        let emulator = try Emulator(protocol: "3m810", tags: [slix], arguments: [])
        let reader = reader(try #require(emulator.connect()))
        let record: [UInt8] = Array(0x21...0x2C)
        try await reader.writeBlocks(uid: uid, first: 0, data: record, blockSize: 4)
        #expect(await reader.multipleWritesRefused)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 3, blockSize: 4) == record)
        await reader.close()
        #expect(emulator.stop() == 0)
        let saved = try #require(try MockStateFile(path: emulator.state).load().first)
        #expect(Array(saved.memory.prefix(12)) == record && saved.writeMultiple == false)
    }
}
