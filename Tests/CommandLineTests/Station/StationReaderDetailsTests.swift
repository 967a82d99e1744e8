import Foundation
import TestSupport
import Testing

/// `rfid-station inventory` and `dump` against `rfid-emulator` over a real pty, for the readers
/// whose inventory does not carry everything the table shows (TI EVM, 3M 810), and on lines
/// where replies come late or not at all.
@Suite(.serialized) struct StationReaderDetails {
    static let secured = StationReaderCommands.secured
    static let onLoan = StationReaderCommands.onLoan

    /// The TI EVM prints UID and RSSI only; the DSFID column comes from system information
    /// (both tags hold 06), not the inventory's missing value shown as 00.
    @Test func inventoryOnTheTIEVMShowsTheDSFIDFromSystemInformation() throws {
        let emulator = try EmulatorProcess("trf7970a", state: try StationReaderCommands.stateFile())
        try #require(emulator.ready)
        let result = try RunTool.run("rfid-station", ["inventory", "--reader", "trf7970a:\(emulator.link)"], timeLimit: 30)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\(Self.secured)  06    07  on"))
        #expect(result.stdout.contains("\(Self.onLoan)  06    C2  off"))
        #expect(result.stderr.isEmpty)
    }

    /// The 3M 810 has Get AFI but no DSFID or EAS read: AFI shown, the rest "--" (cannot tell).
    @Test func inventoryOnThe3MShowsTheAFIFromGetAFIAndDashesForWhatItCannotTell() throws {
        let emulator = try EmulatorProcess("3m810", state: try StationReaderCommands.stateFile())
        try #require(emulator.ready)
        let result = try RunTool.run("rfid-station", ["inventory", "--reader", "3m810:\(emulator.link)"], timeLimit: 30)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\(Self.secured)  --    07  --"))
        #expect(result.stdout.contains("\(Self.onLoan)  --    C2  --"))
        #expect(result.stdout.hasSuffix("\n2 tag(s)\n"))  // no EAS alarm line: the 3M cannot ask
    }

    /// Seed 3844 with drop=0.4 delivers the first reply (the inventory), drops the next three
    /// (every attempt of the first tag's system information) and delivers the rest: that tag's
    /// AFI is "??" with the reason on stderr and in "warnings", never a quiet "--". The 500 ms
    /// timeout is generous so a busy machine adds no retry that would shift the pattern.
    @Test func aLookupThatTimesOutIsMarkedAndExplainedNotHidden() throws {
        let emulator = try EmulatorProcess(
            "feig", state: try StationReaderCommands.stateFile(), faults: ["--faults", "drop=0.4", "--seed", "3844"])
        try #require(emulator.ready)
        let result = try RunTool.run(
            "rfid-station", ["inventory", "--reader", "feig:\(emulator.link)?timeout=500ms", "--json"], timeLimit: 30)
        #expect(result.status == 0)
        let doc = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tags = try #require(doc["tags"] as? [[String: String]])
        #expect(tags.first == ["uid": Self.secured, "dsfid": "06", "afi": "??", "eas": "on"])
        #expect(tags.last == ["uid": Self.onLoan, "dsfid": "06", "afi": "C2", "eas": "off"])
        let warnings = try #require(doc["warnings"] as? [String])
        #expect(warnings.count == 1)
        // The DSFID came with the FEIG inventory reply; only the AFI needed system information.
        #expect(warnings.first?.hasPrefix("\(Self.secured): AFI unknown (??): system information: no reply") == true)
        #expect(result.stderr.contains("rfid-station: \(Self.secured): AFI unknown (??)"))
    }

    /// The field report: with every reply 1 s late (the driver's timeout is 800 ms), `dump`
    /// read the system-information reply as the read-blocks reply ("reply lists 6 blocks of
    /// 224 bytes but holds 13 bytes"). Each command now waits out the late reply it is owed.
    @Test func dumpSucceedsWhenEveryReplyIsLate() throws {
        let emulator = try EmulatorProcess(
            "feig", state: try StationReaderCommands.stateFile(), faults: ["--faults", "slow=1:1000ms"])
        try #require(emulator.ready)
        let dump = try RunTool.run(
            "rfid-station", ["dump", "--reader", "feig:\(emulator.link)", "--uid", Self.secured], timeLimit: 60)
        #expect(dump.status == 0, "\(dump.stderr)")
        #expect(dump.stdout.contains("Blocks 28 x 4 bytes"))
        #expect(dump.stdout.contains("    0  11 06 1E 2F"))
        #expect(dump.stdout.contains("item:        33191000105864"))
    }

    /// Without system information the memory layout is unknown: dump shows the UID and the AFI
    /// (Get AFI), then says why it stops, with the usage exit status of an unsupported operation.
    @Test func dumpOnThe3MShowsTheAFIThenExplainsWhyNoMemoryIsRead() throws {
        let emulator = try EmulatorProcess("3m810", state: try StationReaderCommands.stateFile())
        try #require(emulator.ready)
        let dump = try RunTool.run(
            "rfid-station", ["dump", "--reader", "3m810:\(emulator.link)", "--uid", Self.onLoan], timeLimit: 30)
        #expect(dump.status == 64)
        #expect(dump.stdout == "UID    \(Self.onLoan)\nDSFID  --\nAFI    C2\n")
        #expect(dump.stderr.contains("cannot report the tag's memory layout"))
        #expect(dump.stderr.contains("--blocks"))
    }

    /// Given the layout, the 3M dump reads the memory, and the codec finds the format from the
    /// content (the 810 cannot report the DSFID): here a tag holding more than the barcode.
    @Test func dumpOnThe3MWithTheLayoutGivenReadsAndJudgesTheMemory() throws {
        let emulator = try EmulatorProcess("3m810", state: try StationReaderCommands.stateFile())
        try #require(emulator.ready)
        let dump = try RunTool.run(
            "rfid-station", ["dump", "--reader", "3m810:\(emulator.link)", "--uid", Self.secured, "--blocks", "28"],
            timeLimit: 30)
        #expect(dump.status == 0, "\(dump.stderr)")
        #expect(dump.stdout.contains("AFI    07"))
        #expect(dump.stdout.contains("Blocks 28 x 4 bytes"))
        #expect(dump.stdout.contains("    0  11 06 1E 2F"))
        #expect(dump.stdout.contains("33191000105864"))
        let bad = try RunTool.run("rfid-station", ["dump", "--reader", "3m810:\(emulator.link)", "--block-size", "4"])
        #expect(bad.status == 64 && bad.stderr.contains("--block-size goes with --blocks"))
    }
}
