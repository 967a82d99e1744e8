import Foundation
import GateEventStore
import GateEventStoreSQLite
import ReaderEmulation
import Testing

/// Two gates on two emulators under one daemon: one reader dies, the other gate keeps alarming,
/// and the loopback endpoints say so, fetched over real HTTP. SIGTERM then ends the daemon with 0.
@Suite("rfid-gated: two gates, endpoints, shutdown", .serialized)
struct TwoGatesAndEndpointsTests {
    @Test func oneGateLosingItsReaderLeavesTheOtherAlarmingAndHealthSaysWhich() throws {
        let site = try GateSite()
        defer { site.remove() }
        let tags = GatedDaemonTests.tags
        let north = try EmulatorProcess(directory: site.directory, name: "north", tags: tags, timeline: "0.3 enter \(GatedDaemonTests.shelfA)\n")
        let south = try EmulatorProcess(
            directory: site.directory, name: "south", tags: tags,
            timeline: "0.3 enter \(GatedDaemonTests.shelfB)\n2.5 enter \(GatedDaemonTests.shelfC)\n")
        let config = try site.write(gates: [
            "id = \"north\"\nreader = \"\(north.address)\"\ndebounce = \"1h\"\n",
            "id = \"south\"\nreader = \"\(south.address)\"\ndebounce = \"1h\"\n",
        ])
        let daemon = try DaemonProcess(config: config)
        #expect(daemon.waitFor("serving /metrics"))
        #expect(daemon.waitFor("row=2"))
        let healthy = try #require(LoopbackHTTP.get(port: site.port, path: "/health"))
        #expect(healthy.status == 200, "\(healthy.body)")

        north.kill()
        // South's next item enters after north's reader died, and still alarms.
        #expect(daemon.waitFor("row=3", within: .seconds(8)), "\(daemon.output)")
        let alarms = try SQLiteGateEventStore(path: site.storePath, mode: .mustExist).alarms()
        #expect(alarms.map(\.gate).sorted() == ["north", "south", "south"])

        // North notices its reader is gone after its own timeouts: ask until it says so.
        var health = try #require(LoopbackHTTP.get(port: site.port, path: "/health"))
        let deadline = ContinuousClock.now + .seconds(10)
        while health.status != 503, ContinuousClock.now < deadline {
            usleep(100_000)
            health = try #require(LoopbackHTTP.get(port: site.port, path: "/health"))
        }
        #expect(health.status == 503)
        let document = try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any]
        let gates = try #require(document?["gates"] as? [[String: Any]])
        #expect(gates.map { $0["gate"] as? String } == ["north", "south"])
        #expect(gates.map { $0["healthy"] as? Bool } == [false, true])

        let metrics = try #require(LoopbackHTTP.get(port: site.port, path: "/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"libraryrfid_gate_alarms_total{gate="south",direction="unknown"} 2"#), "\(metrics.body)")
        #expect(metrics.body.contains(#"libraryrfid_gate_up{gate="north"} 0"#))

        let recent = try #require(LoopbackHTTP.get(port: site.port, path: "/alarms"))
        let listed = try JSONSerialization.jsonObject(with: Data(recent.body.utf8)) as? [String: Any]
        let entries = try #require(listed?["alarms"] as? [[String: Any]])
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { Set($0.keys) == ["time", "gate", "direction", "reason"] })

        #expect(daemon.terminate() == 0)
        #expect(daemon.output.contains("gates stopped"))
        // Flushed on the way out: the write-ahead log is empty.
        let wal = (try? FileManager.default.attributesOfItem(atPath: site.storePath + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)
    }

    @Test func aSiteWithoutGatesIsRefusedBeforeAnythingStarts() throws {
        let site = try GateSite()
        defer { site.remove() }
        let daemon = try DaemonProcess(config: try site.write(gates: []))
        #expect(daemon.waitForExit() == 65)
        #expect(daemon.output.contains("no [[gate]]"))
    }
}
