import Foundation
import StationActivity
import StationActivitySQLite
import TestSupport
import Testing

/// The tagging commands against `rfid-emulator` over a real pty, asserting on the tags the
/// emulator holds afterwards (its state file), not only on what the station printed.
@Suite(.serialized) struct StationTaggingCommands {
    static let blankUID = "E004010012345678"
    static let secondUID = "E0040100AAAAAAAA"
    static let barcode = "33191000105864"
    /// ISO 28560-2 image of the barcode: 9 bytes, then zeros to 28 blocks of 4 bytes.
    static let image = "11061E2FE1C5638800" + String(repeating: "0", count: 224 - 18)

    static func tag(_ uid: String, dsfid: String = "00", afi: String = "00", eas: Bool = false, memory: String = "", locked: [Int] = [])
        -> String
    {
        #"{"uid": "\#(uid)", "dsfid": "\#(dsfid)", "afi": "\#(afi)", "eas": \#(eas), "blockSize": 4, "blockCount": 28, "memory": "\#(memory)", "lockedBlocks": \#(locked)}"#
    }

    static func state(_ tags: String...) throws -> String { try StateFiles.write(#"{"tags": [\#(tags.joined(separator: ","))]}"#) }

    func run(_ arguments: [String], on emulator: EmulatorProcess, scheme: String = "feig") throws -> ToolResult {
        try RunTool.run("rfid-station", arguments + ["--reader", "\(scheme):\(emulator.link)"], timeLimit: 60)
    }

    @Test(arguments: [("feig", [String]()), ("3m810", ["--blocks", "28"])])
    func encodeWritesTheBarcodeAloneSecuresAndVerifies(reader: String, layout: [String]) throws {
        let emulator = try EmulatorProcess(reader, state: try Self.state(Self.tag(Self.blankUID, memory: "DEADBEEF")))
        try #require(emulator.ready)
        let result = try run(["encode", Self.barcode, "--json"] + layout, on: emulator, scheme: reader)
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(doc["ok"] as? Bool == true)
        #expect(doc["uid"] as? String == Self.blankUID)
        #expect(doc["verified"] as? Bool == true)
        #expect(doc["afi"] as? String == "07")
        emulator.stop()
        let tag = try #require(try emulator.tags()[Self.blankUID])
        #expect(tag["memory"] as? String == Self.image, "every other byte cleared, the old DEADBEEF included")
        #expect(tag["dsfid"] as? String == "06")
        #expect(tag["afi"] as? String == "07")
        if reader == "feig" {
            #expect(tag["eas"] as? Bool == true)
            #expect(doc["state"] as? String == "barcode written, secured (AFI 07, EAS on)")
        } else {
            #expect(tag["eas"] as? Bool == false, "the 3M 810 has no EAS command: EAS is left alone")
        }
    }

    @Test func aPatronBarcodeIsRefusedUnechoedAndNothingIsWritten() throws {
        let emulator = try EmulatorProcess("feig", state: try Self.state(Self.tag(Self.blankUID)))
        try #require(emulator.ready)
        let card = "23529000035676"
        let result = try run(["encode", card, "--json"], on: emulator)
        #expect(result.status == 77)
        #expect(!result.stdout.contains(card) && !result.stderr.contains(card))
        emulator.stop()
        let tag = try #require(try emulator.tags()[Self.blankUID])
        #expect(tag["afi"] as? String == "00")
        #expect((tag["memory"] as? String)?.allSatisfy { $0 == "0" } == true)
    }

    @Test func theActivityStoreCountsWhatWasDoneAndHoldsNoValue() throws {
        let emulator = try EmulatorProcess("feig", state: try Self.state(Self.tag(Self.blankUID)))
        try #require(emulator.ready)
        let log = NSTemporaryDirectory() + "activity-\(UUID().uuidString)/station.sqlite"
        let environment = ["LIBRARYRFID_STATION_LOG": log, "LIBRARYRFID_STATION_ID": "desk-7"]
        let reader = ["--reader", "feig:\(emulator.link)"]
        #expect(try RunTool.run("rfid-station", ["encode", Self.barcode] + reader, environment: environment).status == 0)
        #expect(try RunTool.run("rfid-station", ["encode", "23529000035676"] + reader, environment: environment).status == 77)
        #expect(try RunTool.run("rfid-station", ["checkout"] + reader, environment: environment).status == 0)
        emulator.stop()
        let store = try SQLiteStationActivity(path: log, mode: .mustExist)
        let counts = try store.counts(month: Self.thisMonth())
        #expect(!counts.isEmpty)
        #expect(counts.filter { $0.station == "desk-7" }.count == counts.count)
        #expect(counts.first { $0.action == .tagged }?.count == 1)
        #expect(counts.first { $0.action == .refused }?.rule == "patron-card")
        #expect(counts.first { $0.action == .unsecured }?.count == 1)
        for file in [log, log + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(Self.barcode.utf8)) == nil)
            #expect(bytes.range(of: Data("23529000035676".utf8)) == nil)
            #expect(bytes.range(of: Data(Self.blankUID.utf8)) == nil)
        }
    }

    static func thisMonth() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
    }

    @Test func twoTagsOnThePadAreRefusedNamingTheCount() throws {
        let emulator = try EmulatorProcess("feig", state: try Self.state(Self.tag(Self.blankUID), Self.tag(Self.secondUID)))
        try #require(emulator.ready)
        let result = try run(["encode", Self.barcode], on: emulator)
        #expect(result.status == 66)
        #expect(result.stderr.contains("2 tags in the field"))
        #expect(result.stderr.contains("nothing was written"))
        emulator.stop()
        for (_, tag) in try emulator.tags() {
            #expect(tag["afi"] as? String == "00")
            #expect(tag["dsfid"] as? String == "00")
        }
    }

    @Test func aLockedBlockWithOtherContentMeansReplaceTheTag() throws {
        let memory = "00000000" + "41414141"
        let emulator = try EmulatorProcess("feig", state: try Self.state(Self.tag(Self.blankUID, memory: memory, locked: [1])))
        try #require(emulator.ready)
        let result = try run(["encode", Self.barcode], on: emulator)
        #expect(result.status == 66)
        #expect(result.stderr.contains("block 1 refuses writing"))
        #expect(result.stderr.contains("replace the tag"))
        emulator.stop()
        let tag = try #require(try emulator.tags()[Self.blankUID])
        #expect(tag["afi"] as? String == "00", "a tag that cannot hold the barcode alone is never secured")
    }

    @Test func aMissingReaderIsUnavailable() throws {
        let result = try RunTool.run("rfid-station", ["encode", Self.barcode, "--reader", "feig:/nonexistent/tty"])
        #expect(result.status == 69)
    }

    @Test func aReaderThatVanishesMidEncodeIsReportedWithWhatIsKnown() throws {
        // Replies 300 ms late; the reader is unplugged 1 s after start for 20 s.
        let emulator = try EmulatorProcess(
            "feig", state: try Self.state(Self.tag(Self.blankUID)), faults: ["--faults", "slow=1.0:300ms,vanish=@1s:20s"])
        try #require(emulator.ready)
        let result = try run(["encode", Self.barcode, "--json"], on: emulator)
        #expect(result.status == 69, "\(result.stdout)\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(doc["ok"] as? Bool == false)
        let error = try #require(doc["error"] as? String)
        #expect(error.contains("last known") || error.contains("holds"), "\(error)")
        #expect(doc["repair"] as? String == "rfid-station encode \(Self.barcode) --reader feig:\(emulator.link)")
    }

    @Test func faultyRepliesStillEndInTheExactImage() throws {
        let emulator = try EmulatorProcess(
            "feig", state: try Self.state(Self.tag(Self.blankUID)), faults: ["--faults", "crc=0.1,drop=0.05", "--seed", "7"])
        try #require(emulator.ready)
        let result = try run(["encode", Self.barcode], on: emulator)
        emulator.stop()
        let tag = try #require(try emulator.tags()[Self.blankUID])
        if result.status == 0 {
            #expect(tag["memory"] as? String == Self.image)
            #expect(tag["afi"] as? String == "07")
        } else {
            // Faults beyond the retries: the station must say what the tag holds.
            #expect(result.stderr.contains("holds") || result.stderr.contains("last known"), "\(result.stderr)")
        }
    }

    @Test func aTagThatLeavesAndReturnsDuringTheEncodeEndsExact() throws {
        let timeline = try StateFiles.write(
            "0 enter \(Self.blankUID)\n2.0 leave \(Self.blankUID)\n4.0 enter \(Self.blankUID)\n", name: "timeline.txt")
        // Every reply 400 ms late: the encode's 16 or so round trips span the tag's absence
        // from 2 s to 4 s after the emulator starts, even if the command starts a second late.
        let emulator = try EmulatorProcess(
            "feig", state: try Self.state(Self.tag(Self.blankUID)), faults: ["--faults", "slow=1.0:400ms"], timeline: timeline)
        try #require(emulator.ready)
        let result = try run(["encode", Self.barcode], on: emulator)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("left the field during the write and was resumed"), "\(result.stdout)")
        emulator.stop()
        let tag = try #require(try emulator.tags()[Self.blankUID])
        #expect(tag["memory"] as? String == Self.image)
        #expect(tag["afi"] as? String == "07")
    }

    @Test(arguments: [("feig", [String]()), ("3m810", ["--blocks", "28"])])
    func checkReportsEachTagAndExits77ForANonCompliantOne(reader: String, layout: [String]) throws {
        let emulator = try EmulatorProcess(
            reader,
            state: try Self.state(
                Self.tag(Self.blankUID, dsfid: "06", afi: "07", eas: true, memory: "11061E2FE1C5638800"), Self.tag(Self.secondUID)))
        try #require(emulator.ready)
        let result = try run(["check", "--json"] + layout, on: emulator, scheme: reader)
        #expect(result.status == 77)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tags = try #require(doc["tags"] as? [[String: Any]])
        let good = try #require(tags.first { $0["uid"] as? String == Self.blankUID })
        #expect(good["compliant"] as? Bool == true)
        #expect(good["item"] as? String == Self.barcode)
        #expect(good["afiMeaning"] as? String == "in stock (gates alarm)")
        #expect(good["eas"] as? Bool == (reader == "feig" ? true : nil), "the 3M 810 cannot read EAS: unknown, never 'off'")
        let blank = try #require(tags.first { $0["uid"] as? String == Self.secondUID })
        #expect(blank["compliant"] as? Bool == false)
    }

    @Test(arguments: [("feig", [String]()), ("3m810", ["--blocks", "28"])])
    func scrubRewritesToTheBarcodeAloneAndKeepsTheSecurityState(reader: String, layout: [String]) throws {
        // ISO 28560-2: the barcode, then an owner institution element (OID 3, "US-MaBoP").
        let extra = "11061E2FE1C5638800" + "03085553" + "2D4D61426F50"
        let emulator = try EmulatorProcess(
            reader, state: try Self.state(Self.tag(Self.blankUID, dsfid: "06", afi: "C2", eas: false, memory: extra)))
        try #require(emulator.ready)
        let before = try run(["check"] + layout, on: emulator, scheme: reader)
        #expect(before.status == 77, "\(before.stdout)")
        let result = try run(["scrub", "--yes", "--json"] + layout, on: emulator, scheme: reader)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tags = try #require(doc["tags"] as? [[String: Any]])
        #expect(tags.count == 1)
        #expect(tags.first?["outcome"] as? String == "rewritten")
        #expect((tags.first?["detail"] as? String)?.hasPrefix("barcode written, security state unchanged (AFI C2") == true)
        emulator.stop()
        let tag = try #require(try emulator.tags()[Self.blankUID])
        #expect(tag["memory"] as? String == Self.image)
        #expect(tag["afi"] as? String == "C2", "an item on loan stays on loan")
        #expect(tag["eas"] as? Bool == false)
    }

    @Test func scrubWithoutATerminalOrYesWritesNothing() throws {
        let extra = "11061E2FE1C5638800" + "03085553" + "2D4D61426F50"
        let emulator = try EmulatorProcess("feig", state: try Self.state(Self.tag(Self.blankUID, dsfid: "06", memory: extra)))
        try #require(emulator.ready)
        let result = try run(["scrub"], on: emulator)
        #expect(result.status != 0)
        #expect(result.stdout.contains("nothing written"))
        emulator.stop()
        #expect(try emulator.tags()[Self.blankUID]?["memory"] as? String == extra + String(repeating: "0", count: 224 - extra.count))
    }

    @Test(arguments: ["feig", "3m810"])
    func checkoutAndCheckinToggleEveryTagAndVerify(reader: String) throws {
        let emulator = try EmulatorProcess(
            reader,
            state: try Self.state(
                Self.tag(Self.blankUID, dsfid: "06", afi: "07", eas: true, memory: "11061E2FE1C5638800"),
                Self.tag(Self.secondUID, dsfid: "06", afi: "07", eas: true, memory: "11061E2FE1C5638800")))
        try #require(emulator.ready)
        let out = try run(["checkout", "--json"], on: emulator, scheme: reader)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect((doc["tags"] as? [[String: Any]])?.count == 2)
        #expect((doc["tags"] as? [[String: Any]])?.allSatisfy { $0["afi"] as? String == "C2" && $0["ok"] as? Bool == true } == true)
        emulator.stop()
        for (_, tag) in try emulator.tags() {
            #expect(tag["afi"] as? String == "C2")
            if reader == "feig" { #expect(tag["eas"] as? Bool == false) }
        }
        let again = try EmulatorProcess(reader, state: emulator.state)
        try #require(again.ready)
        let back = try run(["checkin"], on: again, scheme: reader)
        #expect(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(back.stdout.contains("2 of 2 tag(s) set in stock"))
        again.stop()
        for (_, tag) in try again.tags() {
            #expect(tag["afi"] as? String == "07")
            if reader == "feig" { #expect(tag["eas"] as? Bool == true) }
        }
    }
}
