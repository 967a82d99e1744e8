import ArgumentParser
import Foundation
import GateDetection
import GateEventStore
import GateEventStoreSQLite
import GateService
import Histogram
import Logging
import ReaderCore
import ReaderDrivers

/// The gate's two figures: how long from an inventory reply arriving to the alarm command being
/// written (the real loop: FEIG driver, detector, outputs), and how many tag reads per second
/// detection and the store sustain on one core. Targets: p99 <= 1 ms, >= 100,000 reads/s.
struct GateBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate", abstract: "Gate alarm latency (p50, p99) and detection + store throughput.")

    @Option(help: "Alarms timed for the latency figure.") var alarms = 20_000
    @Option(help: "Tag reads for the throughput figure.") var reads = 2_000_000
    @Option(help: "Tags in the field at once in the throughput run (each stays this many rounds).") var field = 20

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(String(format: "air time of one inventory round with one tag: %.1f ms (1 slot), %.1f ms (16 slots); at most %.0f tag reads/s per antenna",
                     AirTime.oneSlot * 1000, AirTime.sixteenSlots * 1000, AirTime.readsPerSecondBound))
        try await latency(directory: directory)
        try throughput(directory: directory)
    }

    /// The daemon's own loop (`GateLoop`) over the FEIG driver and an in-memory line: each
    /// round one new in-stock item answers, so each round is one alarm.
    private func latency(directory: String) async throws {
        let transport = StampingTransport()
        let store = try SQLiteGateEventStore(path: directory + "/latency.sqlite", mode: .createIfMissing)
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let settings = GateSettings(
            gate: "bench", reader: "feig", detection: .afi(inStock: 0x07), debounce: .seconds(3),
            outputs: [OutputCommand(.relay(1), on: true, duration: .seconds(2))])
        let loop = GateLoop(
            configuration: .init(settings: settings, limit: RunLimit(rounds: alarms)),
            open: { FEIGReader(transport: transport) }, store: store, health: GateHealthBoard(), recent: RecentAlarms(),
            logger: logger)
        let start = ContinuousClock.now
        await loop.run()
        let wall = ContinuousClock.now - start
        var histogram = Histogram<UInt64>(highestTrackableValue: 10_000_000_000, numberOfSignificantValueDigits: .three)
        let latencies = transport.takeLatencies()
        for latency in latencies {
            let (s, atto) = latency.components
            _ = histogram.record(UInt64(max(0, s * 1_000_000_000 + atto / 1_000_000_000)))
        }
        func us(_ p: Double) -> String { String(format: "%.1f µs", Double(histogram.valueAtPercentile(p)) / 1000) }
        print("alarm latency, inventory reply arrived -> Set Output written (GateLoop, FEIG driver, in-memory line), \(latencies.count) alarms")
        print("  p50 \(us(50))   p99 \(us(99))   p99.9 \(us(99.9))   max \(String(format: "%.1f µs", Double(histogram.max) / 1000))   (target p99 <= 1000 µs)")
        print(String(format: "  whole loop incl. store: %.1f µs per alarm round", wall.seconds * 1e6 / Double(max(1, alarms))))
    }

    /// The detector over a crowd (`field` tags in the field, one replaced each round), storing
    /// every alarm in SQLite: reads per second of one thread's CPU time.
    private func throughput(directory: String) throws {
        let store = try SQLiteGateEventStore(path: directory + "/throughput.sqlite", mode: .createIfMissing)
        var detector = GateDetector(settings: GateSettings(gate: "bench", reader: "feig", detection: .afi(inStock: 0x07), debounce: .seconds(3)))
        let minute = AlarmMinute(day: "2026-05-14", hour: 14, minute: 32)!
        var next: UInt32 = 0
        func uid() -> TagUID {
            next &+= 1
            return TagUID(bytes: [0xE0, 0x04, 0x01, 0x00, UInt8(next >> 24), UInt8(next >> 16 & 0xFF), UInt8(next >> 8 & 0xFF), UInt8(next & 0xFF)])!
        }
        var inField = (0..<field).map { _ in uid() }
        let rounds = max(1, reads / field)
        var stored = 0
        let cpuStart = threadCPUNanoseconds()
        for round in 0..<rounds {
            // One item walks out of the field and a new one in; the rest linger. Rounds 10 ms apart.
            inField[round % field] = uid()
            let actions = detector.handle(.inventoried(antenna: 1, tags: inField, at: .milliseconds(round * 10)))
            for case .storeAlarm(let alarm) in actions {
                _ = try store.record(StoredAlarm(time: minute, gate: alarm.gate, direction: alarm.direction, reason: alarm.reason))
                stored += 1
            }
        }
        let seconds = Double(threadCPUNanoseconds() - cpuStart) / 1e9
        let total = rounds * field
        print("throughput, detection + store (\(field) tags in the field, one new per round: 1 alarm per \(field) reads), one thread")
        print(String(format: "  %d reads, %d alarms stored in %.3f s CPU: %.0f reads/s   (target >= 100,000; %.0fx the air-time bound)",
                     total, stored, seconds, Double(total) / seconds, Double(total) / seconds / AirTime.readsPerSecondBound))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
