import Foundation
import TestSupport
import Testing

/// `rfid-station readers | inventory | dump`, run as staff run them: against the built-in
/// emulated reader, a mock state file, and the `rfid-emulator` process over a real pty.
@Suite(.serialized) struct StationReaderCommands {
    static let secured = "E004010046707A28"
    static let onLoan = "E004010012345678"

    /// A mock state file: one tag holding an item barcode (AFI 07, EAS on), one on loan
    /// (AFI C2, EAS off) whose memory holds a barcode and a second element.
    static func stateFile() throws -> String {
        let path = NSTemporaryDirectory() + "station-\(UUID().uuidString).json"
        let json = """
            {"tags": [
              {"uid": "\(secured)", "dsfid": "06", "afi": "07", "eas": true, "blockSize": 4,
               "blockCount": 28, "memory": "11061E2FE1C5638800", "lockedBlocks": []},
              {"uid": "\(onLoan)", "dsfid": "06", "afi": "C2", "eas": false, "blockSize": 4,
               "blockCount": 28, "memory": "9100051CBE991A140202D002140204B3C60207441CB6E2E335D6", "lockedBlocks": []}
            ]}
            """
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func inventoryListsUIDDSFIDAFIAndEASOfEachTag() throws {
        let state = try Self.stateFile()
        let result = try RunTool.run("rfid-station", ["inventory", "--reader", "mock:\(state)"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "UID               DSFID AFI EAS")
        #expect(lines.contains("\(Self.secured)  06    07  on"))
        #expect(lines.contains("\(Self.onLoan)  06    C2  off"))
        #expect(lines.last == "2 tag(s); EAS alarm: a tag has EAS set")
    }

    @Test func inventoryAsJSONFiltersByAFI() throws {
        let state = try Self.stateFile()
        let result = try RunTool.run("rfid-station", ["inventory", "--reader", "mock:\(state)", "--afi", "C2", "--json"])
        #expect(result.status == 0)
        let doc = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tags = try #require(doc["tags"] as? [[String: String]])
        #expect(tags == [["uid": Self.onLoan, "dsfid": "06", "afi": "C2", "eas": "off"]])
    }

    @Test func inventoryRunsOnTheBuiltInEmulatedReader() throws {
        let result = try RunTool.run("rfid-station", ["inventory", "--reader", "emulated:"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("E004010046707A28  06    07  on"))
    }

    @Test func dumpShowsMemoryThenDecodedContentAndVerdict() throws {
        let state = try Self.stateFile()
        let result = try RunTool.run("rfid-station", ["dump", "--reader", "mock:\(state)", "--uid", Self.secured])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Blocks 28 x 4 bytes"))
        #expect(result.stdout.contains("    0  11 06 1E 2F"))
        #expect(result.stdout.contains("   27  00 00 00 00"))
        #expect(result.stdout.contains("item:        33191000105864"))
        #expect(result.stdout.contains("privacy:     compliant"))
    }

    @Test func dumpOfATagHoldingMoreThanTheBarcodeShowsTheViolations() throws {
        let state = try Self.stateFile()
        let result = try RunTool.run("rfid-station", ["dump", "--reader", "mock:\(state)", "--uid", Self.onLoan])
        #expect(result.status == 0)
        #expect(result.stdout.contains("privacy:     NOT COMPLIANT"))
    }

    @Test func dumpWithSeveralTagsAndNoUIDSaysWhichToName() throws {
        let state = try Self.stateFile()
        let result = try RunTool.run("rfid-station", ["dump", "--reader", "mock:\(state)"])
        #expect(result.status == 66, "several tags where one is needed is a tag problem, not 69")
        #expect(result.stderr.contains("2 tags in the field; name one with --uid"))
    }

    @Test func dumpOfATagNotInTheFieldIsATagProblem() throws {
        let state = try Self.stateFile()
        let result = try RunTool.run("rfid-station", ["dump", "--reader", "mock:\(state)", "--uid", "E0040100000000FF"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("not in the field"))
    }

    @Test func readersAnswersPlainlyOnAMachineWithoutUSBReaders() throws {
        let result = try RunTool.run("rfid-station", ["readers"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no USB readers found") || result.stdout.contains("usb "))
    }

    @Test("a wrong address is a usage error naming the part; an absent port is 69", arguments: [
        ("feig:/dev/ttyUSB0?baud=abc", Int32(64), "baud at character 23"),
        ("bogus:x", 64, "unknown reader \"bogus\""),
        ("feig:/dev/ttyNOPE0", 69, "no such serial port"),
    ])
    func addressErrors(address: String, status: Int32, message: String) throws {
        let result = try RunTool.run("rfid-station", ["inventory", "--reader", address])
        #expect(result.status == status)
        #expect(result.stderr.contains(message))
    }

    /// The whole station path minus hardware: the FEIG driver, the product serial port on a
    /// pty, and the emulator as a separate process answering in FEIG's bytes.
    @Test func inventoryAndDumpThroughTheEmulatorProcessOverAPty() throws {
        let state = try Self.stateFile()
        let link = NSTemporaryDirectory() + "station-\(UUID().uuidString).pty"
        let emulator = Process()
        emulator.executableURL = URL(fileURLWithPath: RunTool.path("rfid-emulator"))
        emulator.arguments = ["--protocol", "feig", "--tags", state, "--link", link]
        emulator.standardOutput = FileHandle.nullDevice
        emulator.standardError = FileHandle.nullDevice
        try emulator.run()
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: link) && Date() < deadline { usleep(20_000) }
        try #require(FileManager.default.fileExists(atPath: link))

        let inventory = try RunTool.run("rfid-station", ["inventory", "--reader", "feig:\(link)"], timeLimit: 30)
        #expect(inventory.status == 0)
        #expect(inventory.stdout.contains("\(Self.secured)  06    07  on"))
        #expect(inventory.stdout.contains("\(Self.onLoan)  06    C2  off"))

        let dump = try RunTool.run("rfid-station", ["dump", "--reader", "feig:\(link)", "--uid", Self.secured], timeLimit: 30)
        #expect(dump.status == 0)
        #expect(dump.stdout.contains("item:        33191000105864"))
    }
}
