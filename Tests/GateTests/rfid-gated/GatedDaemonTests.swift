import Foundation
import GateDetection
import GateEventStore
import GateEventStoreSQLite
import ReaderEmulation
import Testing

/// The daemon against `rfid-emulator` over a real pty, timelines playing people walking
/// through the gate. Each run is bounded (`--for`), so the suite stays fast.
@Suite("rfid-gated against the emulator", .serialized)
struct GatedDaemonTests {
    static let shelfA = "E004010000000A01"
    static let shelfB = "E004010000000B02"
    static let shelfC = "E004010000000C03"
    static let onLoan = "E004010000000D04"
    static let tags: [EmulatedTag] = [
        .item(shelfA, afi: 0x07), .item(shelfB, afi: 0x07), .item(shelfC, afi: 0x07), .item(onLoan, afi: 0xC2),
    ]

    func stored(_ site: GateSite) throws -> [StoredAlarm] {
        try SQLiteGateEventStore(path: site.storePath, mode: .mustExist).alarms()
    }

    @Test func anInStockItemAlarmsAndABorrowedOneIsNeverAskedForNorRead() throws {
        let site = try GateSite()
        defer { site.remove() }
        let emulator = try EmulatorProcess(
            directory: site.directory, tags: Self.tags,
            timeline: "0.5 enter \(Self.shelfA)\n0.5 enter \(Self.onLoan)\n3.0 leave \(Self.shelfA)\n3.0 leave \(Self.onLoan)\n")
        let config = try site.write(gates: ["id = \"main-door\"\nreader = \"\(emulator.address)\"\noutputs = [\"relay1:2s\", \"buzzer:1s\"]\n"])
        // The items stay 2.5 s: a daemon started on a loaded machine may need a second or more
        // before its first round.
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "3500ms"])
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        let alarms = try stored(site)
        #expect(alarms.count == 1)
        #expect(alarms.first?.gate == "main-door" && alarms.first?.reason == .afi(0x07) && alarms.first?.item == nil)
        let commands = emulator.commands
        let inventories = commands.filter { $0.contains(" inventory ") }
        #expect(inventories.count > 5)
        #expect(inventories.allSatisfy { $0.hasSuffix("inventory afi=07") }, "an inventory without the in-stock AFI was sent")
        #expect(!commands.contains { $0.contains("unfiltered") || $0.contains(Self.onLoan) })
        // Without record_items nothing but inventories and the outputs is sent: no item is read.
        #expect(!commands.contains { $0.contains("uid=") })
        #expect(commands.contains { $0.hasSuffix("72 outputs relay1:on:2.0s buzzer:on:1.0s") })
        // Nothing identifying an item reaches the log either.
        #expect(!daemon.output.contains(Self.shelfA) && !daemon.output.contains(Self.onLoan))
    }

    @Test func easModeSendsOnlyTheEASAlarmAndStoresNoItem() throws {
        let site = try GateSite()
        defer { site.remove() }
        let secured = EmulatedTag.item(Self.shelfA, afi: 0x07, eas: true)
        let emulator = try EmulatorProcess(
            directory: site.directory, tags: [secured, .item(Self.onLoan, afi: 0xC2)],
            timeline: "0.5 enter \(Self.shelfA)\n0.5 enter \(Self.onLoan)\n3.0 leave \(Self.shelfA)\n")
        let config = try site.write(gates: ["id = \"door\"\nreader = \"\(emulator.address)\"\ndetect = \"eas\"\nrecord_items = true\n"])
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "3500ms"])
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        let alarms = try stored(site)
        #expect(alarms.count == 1)
        #expect(alarms.first?.reason == .eas && alarms.first?.item == nil)
        let commands = emulator.commands
        #expect(!commands.isEmpty && commands.allSatisfy { $0.hasSuffix("B1 eas-alarm") }, "\(commands.prefix(5))")
    }

    @Test func aLingeringItemAlarmsOncePerWindow() throws {
        let site = try GateSite()
        defer { site.remove() }
        let emulator = try EmulatorProcess(
            directory: site.directory, tags: Self.tags, timeline: "0.5 enter \(Self.shelfA)\n3.0 leave \(Self.shelfA)\n")
        let config = try site.write(gates: ["id = \"door\"\nreader = \"\(emulator.address)\"\ndebounce = \"1s\"\n"])
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "3500ms"])
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        // In the field for 2.5 s with a 1 s window: alarms at about 0.5, 1.5 and 2.5 s.
        #expect(try stored(site).count == 3)
    }

    @Test func twoAntennasGiveTheDirection() throws {
        let site = try GateSite()
        defer { site.remove() }
        let timeline = """
            0.5 enter \(Self.shelfA) antenna 2
            1.0 enter \(Self.shelfA) antenna 1
            1.4 leave \(Self.shelfA)
            2.0 enter \(Self.shelfB) antenna 1
            2.5 enter \(Self.shelfB) antenna 2
            2.9 leave \(Self.shelfB)
            """
        let emulator = try EmulatorProcess(directory: site.directory, tags: Self.tags, timeline: timeline)
        let config = try site.write(gates: [
            "id = \"door\"\nreader = \"\(emulator.address)\"\nantennas = [1, 2]\nrecord_items = true\n"
        ])
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "3500ms"])
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        let alarms = try stored(site)
        // Inside antenna (2) first: leaving; outside antenna (1) first: coming in. One alarm a pass.
        #expect(alarms.map(\.direction) == [.out, .in])
        #expect(alarms.map(\.item) == [Self.shelfA, Self.shelfB])
        #expect(emulator.commands.contains { $0.hasSuffix("6A antenna 2") })
        // A recording gate reads only the items that alarmed.
        let addressed = emulator.commands.filter { $0.contains("uid=") }
        #expect(!addressed.isEmpty && addressed.allSatisfy { $0.contains(Self.shelfA) || $0.contains(Self.shelfB) })
    }

    @Test func faultsAndAVanishingReaderAreSurvivedAndEveryItemAlarms() throws {
        let site = try GateSite()
        defer { site.remove() }
        // A passes before the reader vanishes (2.5 s to 4.5 s), B is in the field across its
        // return, C passes afterwards. Each stays 1.5 s or more after the reader is back: a
        // corrupted reply costs the driver up to 1.6 s of retries and settling, so that is what
        // "in the field for two inventory rounds" takes here.
        let timeline = """
            0.5 enter \(Self.shelfA)
            2.2 leave \(Self.shelfA)
            3.5 enter \(Self.shelfB)
            7.0 leave \(Self.shelfB)
            7.5 enter \(Self.shelfC)
            9.8 leave \(Self.shelfC)
            """
        let emulator = try EmulatorProcess(
            directory: site.directory, tags: Self.tags, timeline: timeline,
            arguments: ["--faults", "crc=0.1,drop=0.05,vanish=@2500ms:2s", "--seed", "11"])
        let config = try site.write(gates: ["id = \"door\"\nreader = \"\(emulator.address)\"\nrecord_items = true\ndebounce = \"10s\"\n"])
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "10s"])
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        let items = Set(try stored(site).compactMap(\.item))
        #expect(items == [Self.shelfA, Self.shelfB, Self.shelfC], "\(daemon.output)")
        #expect(daemon.output.contains("gate unhealthy, retrying"))
        #expect(daemon.output.contains("reader open"))
    }

    @Test func afterKill9EveryAlarmReportedAsStoredIsInTheStore() throws {
        let site = try GateSite()
        defer { site.remove() }
        let timeline = (0..<4).map { "\(Double($0) * 0.1) enter \([Self.shelfA, Self.shelfB, Self.shelfC, Self.shelfA][$0])" }.joined(separator: "\n")
        let emulator = try EmulatorProcess(directory: site.directory, tags: Self.tags, timeline: timeline)
        let config = try site.write(gates: ["id = \"door\"\nreader = \"\(emulator.address)\"\ndebounce = \"100ms\"\n"])
        let daemon = try DaemonProcess(config: config)
        #expect(daemon.waitFor("row=10"))
        daemon.kill9()
        let reported = daemon.reportedRows
        let rows = Set(try stored(site).compactMap(\.id))
        #expect(reported.count >= 10)
        #expect(reported.isSubset(of: rows), "reported but missing: \(reported.subtracting(rows).sorted())")
    }
}
