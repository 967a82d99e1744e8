import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import TestSupport
import Testing

/// The FEIG driver over a real pty against `rfid-emulator` run as a separate process: the whole
/// path a station takes, minus the hardware.
@Suite("FEIG driver against the rfid-emulator process", .serialized)
struct FEIGAgainstEmulatorProcessTests {
    let uid = DemoTags.blank.uid

    final class Emulator {
        let process = Process()
        let link = NSTemporaryDirectory() + "feig-\(UUID().uuidString).pty"
        let state = NSTemporaryDirectory() + "feig-\(UUID().uuidString).json"
        /// The emulator's stderr: its exit summary counts the faults it injected.
        let log = NSTemporaryDirectory() + "feig-\(UUID().uuidString).log"

        let protocolName: String

        init(protocol name: String = "feig", tags: [EmulatedTag] = DemoTags.all, arguments: [String]) throws {
            protocolName = name
            try MockStateFile(path: state).save(tags)
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-emulator")
            process.arguments = ["--protocol", name, "--tags", state, "--link", link] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
        }

        /// The one-line summary the emulator printed when it stopped ("... 1 slow, ...").
        var summary: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

        /// Opens the emulator's link with the product serial port, as a station opens /dev/ttyUSB0.
        func connect(within timeout: Duration = .seconds(5)) -> SerialPort? {
            let settings: SerialSettings =
                switch protocolName {
                case "3m810": .threeM810
                case "trf7970a": .trf7970a
                default: .feig
                }
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let t = try? SerialPort(path: link, settings: settings) { return t }
                usleep(10_000)
            }
            return nil
        }

        /// SIGINT, as an operator's Ctrl-C; the emulator saves the tags and exits 0.
        func stop() -> Int32 {
            process.interrupt()
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(atPath: link)
            return process.isRunning ? -1 : process.terminationStatus
        }

        deinit {
            try? FileManager.default.removeItem(atPath: state)
            try? FileManager.default.removeItem(atPath: log)
        }
    }

    @Test func taggingSequenceWorksAndPersistsToTheStateFile() async throws {
        let emulator = try Emulator(arguments: [])
        let transport = try #require(emulator.connect())
        let reader = FEIGReader(transport: transport)
        let tags = try await reader.inventory(afi: nil, antenna: nil)
        #expect(Set(tags.map(\.uid)) == Set(DemoTags.all.map(\.uid)))
        let info = try await reader.systemInformation(uid: uid)
        #expect(info.blockCount == 28 && info.blockSize == 4)
        let image: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]
        try await reader.writeBlocks(uid: uid, first: 0, data: image, blockSize: 4)
        try await reader.writeAFI(uid: uid, afi: 0x07)
        try await reader.setEAS(uid: uid, enabled: true)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 2, blockSize: 4) == image)
        #expect(try await reader.easAlarm())
        await reader.close()
        #expect(emulator.stop() == 0)
        let saved = try #require(try MockStateFile(path: emulator.state).load().first(where: { $0.uid == uid }))
        #expect(saved.afi == 0x07 && saved.eas && Array(saved.memory.prefix(8)) == image)
    }

    @Test func threeMDriverTagsThroughTheEmulatorProcessToo() async throws {
        let emulator = try Emulator(protocol: "3m810", arguments: ["--faults", "crc=0.1,garbage=0.1", "--seed", "3"])
        let transport = try #require(emulator.connect())
        let reader = ThreeM810Reader(transport: transport, configuration: .init(retry: .init(attempts: 6, timeout: .milliseconds(300))))
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 3)
        let image: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]
        try await reader.writeBlocks(uid: uid, first: 0, data: image, blockSize: 4)
        try await reader.writeAFI(uid: uid, afi: 0x07)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 2, blockSize: 4) == image)
        await reader.close()
        #expect(emulator.stop() == 0)
        let saved = try #require(try MockStateFile(path: emulator.state).load().first(where: { $0.uid == uid }))
        #expect(saved.afi == 0x07 && Array(saved.memory.prefix(8)) == image)
    }

    @Test func faultyLineIsSurvivedThroughRetries() async throws {
        let emulator = try Emulator(arguments: ["--faults", "crc=0.2,drop=0.1,partial=0.1,garbage=0.2", "--seed", "7"])
        let transport = try #require(emulator.connect())
        let reader = FEIGReader(transport: transport, configuration: .init(retry: .init(attempts: 8, timeout: .milliseconds(300))))
        for i in 0..<10 {
            let block = [UInt8](repeating: UInt8(i), count: 4)
            try await reader.writeBlocks(uid: uid, first: i, data: block, blockSize: 4)
            #expect(try await reader.readBlocks(uid: uid, first: i, count: 1, blockSize: 4) == block)
        }
        await reader.close()
        _ = emulator.stop()
    }

    @Test func vanishedReaderGivesATypedErrorThenWorksAfterReopening() async throws {
        let emulator = try Emulator(arguments: ["--faults", "vanish=@1s:1s"])
        let transport = try #require(emulator.connect())
        let reader = FEIGReader(transport: transport, configuration: .init(retry: .init(attempts: 2, timeout: .milliseconds(200))))
        #expect(try await reader.version().isEmpty == false)
        try await Task.sleep(for: .milliseconds(1300))
        do {
            _ = try await reader.version()
            Issue.record("a vanished reader answered")
        } catch { #expect(error.kind == .timeout || error.kind == .disconnected || error.kind == .io) }
        await reader.close()
        try await Task.sleep(for: .milliseconds(1000))
        let again = try #require(emulator.connect())
        let reopened = FEIGReader(transport: again)
        #expect(try await reopened.inventory(afi: nil, antenna: nil).count == 3)
        await reopened.close()
        _ = emulator.stop()
    }
}
