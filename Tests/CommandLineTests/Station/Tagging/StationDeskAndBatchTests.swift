import Foundation
import Synchronization
import TestSupport
import Testing

/// Desk mode and batch retagging against `rfid-emulator` over a pty, with a timeline that puts
/// items on the pad and takes them off the way staff do.
@Suite(.serialized) struct StationDeskAndBatch {
    static let first = "E004010012345678"
    static let second = "E0040100AAAAAAAA"
    static let barcodes = ["33191000105864", "33191000105872"]
    static let images = ["11061E2FE1C5638800", "11061E2FE1C5639000"].map { $0 + String(repeating: "0", count: 224 - 18) }

    static func blankPair() throws -> String {
        try StateFiles.write(
            #"{"tags": [{"uid": "\#(first)", "blockSize": 4, "blockCount": 28}, {"uid": "\#(second)", "blockSize": 4, "blockCount": 28}]}"#)
    }

    /// Item one on the pad from 0.5 s to 3 s, item two from 4 s to 6.5 s.
    static func twoItems() throws -> String {
        try StateFiles.write(
            "0.5 enter \(first)\n3.0 leave \(first)\n4.0 enter \(second)\n6.5 leave \(second)\n", name: "timeline.txt")
    }

    @Test func deskTagsEachScannedItemInTurnAndRefusesACard() throws {
        let emulator = try EmulatorProcess("feig", state: try Self.blankPair(), timeline: try Self.twoItems())
        try #require(emulator.ready)
        // Scanner suffixes: CR LF, TAB, and stray spaces.
        let input = "\(Self.barcodes[0])\r\n  23529000035676\t\n\n\(Self.barcodes[1])  \n"
        let result = try RunTool.run("rfid-station", ["desk", "--reader", "feig:\(emulator.link)"], stdin: input, timeLimit: 60)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("session ended: 2 done, 0 failed, 1 refused"), "\(result.stdout)")
        #expect(!result.stdout.contains("23529000035676") && !result.stderr.contains("23529000035676"))
        // The interlock: the second item's prompt comes only after the first was taken off.
        let out = result.stdout
        let removeFirst = try #require(out.range(of: "take the item off the pad"))
        let doneSecond = try #require(out.range(of: "DONE: \(Self.barcodes[1])"))
        #expect(removeFirst.lowerBound < doneSecond.lowerBound)
        emulator.stop()
        let tags = try emulator.tags()
        #expect(tags[Self.first]?["memory"] as? String == Self.images[0])
        #expect(tags[Self.second]?["memory"] as? String == Self.images[1])
        #expect(tags[Self.second]?["afi"] as? String == "07")
    }

    @Test func batchTagsFromACSVColumnAndAReRunSkipsWhatIsDone() throws {
        let emulator = try EmulatorProcess("feig", state: try Self.blankPair(), timeline: try Self.twoItems())
        try #require(emulator.ready)
        let list = try StateFiles.write(
            "barcode,title\n\(Self.barcodes[0]),Moby Dick\n\(Self.barcodes[1]),\"Dune, part 1\"\n", name: "list.csv")
        let result = try RunTool.run(
            "rfid-station", ["batch", list, "--column", "barcode", "--reader", "feig:\(emulator.link)"], timeLimit: 60)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2/2 items"), "plain progress lines when not on a terminal")
        #expect(result.stdout.contains("0 barcode(s) still to do"))
        #expect(!result.stdout.contains("Moby Dick"), "only the barcode column is used")
        emulator.stop()
        let tags = try emulator.tags()
        #expect(tags[Self.first]?["memory"] as? String == Self.images[0])
        #expect(tags[Self.second]?["memory"] as? String == Self.images[1])
        #expect(try String(contentsOfFile: list + ".done", encoding: .utf8) == Self.barcodes.joined(separator: "\n") + "\n")
        // Everything is done: a re-run has nothing to tag and needs no item on the pad.
        let again = try RunTool.run("rfid-station", ["batch", list, "--column", "1", "--header", "--reader", "emulated:"], timeLimit: 30)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("2 barcode(s), 2 done earlier"))
    }

    @Test func aListNamingAColumnItDoesNotHaveIsAnErrorAtItsLine() throws {
        let list = try StateFiles.write("barcode,title\n33191000105864\n", name: "list.csv")
        let result = try RunTool.run("rfid-station", ["batch", list, "--column", "2", "--reader", "emulated:"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("list.csv:2: has no column 2"))
        #expect(!result.stderr.contains("33191000105864"))
    }

    @Test func ctrlCBetweenItemsStopsAtOnceAndSaysNothingWasBeingWritten() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RunTool.path("rfid-station"))
        process.arguments = ["desk", "--reader", "emulated:"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["LIBRARYRFID_STATION_LOG": NSTemporaryDirectory() + "desk-\(UUID().uuidString).sqlite"]) { $1 }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer { try? input.fileHandleForWriting.close() }
        // Wait for the prompt (read on another thread: a read blocks), then interrupt while it
        // waits for a barcode.
        let seen = Mutex(Data())
        let reading = output.fileHandleForReading
        DispatchQueue.global().async {
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { return }
                seen.withLock { $0 += chunk }
            }
        }
        let deadline = Date().addingTimeInterval(20)
        while !seen.withLock({ String(decoding: $0, as: UTF8.self) }).contains("scan an item barcode"), Date() < deadline {
            usleep(20_000)
        }
        #expect(seen.withLock { String(decoding: $0, as: UTF8.self) }.contains("scan an item barcode"), "the prompt is flushed at once")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("stopped between items; nothing was being written"))
    }
}
