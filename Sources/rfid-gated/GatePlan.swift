import Foundation
import GateDetection
import GateEventStoreSQLite
import GateMonitoring
import GateService
import ReaderCore
import ReaderDrivers
import CommandSupport
import SiteConfiguration
import StoreSelection

/// The site file turned into what the daemon runs: one loop configuration per `[[gate]]`, the
/// store (its SQLite file, or the site's PostgreSQL database), the listen address, the time zone. Everything is checked here, before any
/// reader is opened or any port bound.
struct GatePlan {
    var loops: [GateLoop.Configuration]
    var addresses: [String: String]
    var store: StoreEngine
    var listen: ListenAddress
    var timeZone: TimeZone

    init(config: SiteConfiguration, limit: RunLimit) throws {
        guard !config.gates.isEmpty else { throw GatedError.noGates(config.file) }
        timeZone = config.site.timezone.flatMap(TimeZone.init(identifier:)) ?? .current
        store = try GateStoreOpening.engine(config)
        guard let listen = ListenAddress(config.metrics.listen) else { throw GatedError.listen(config.metrics.listen) }
        self.listen = listen
        let inStock = config.tags.afiInStock
        let zone = timeZone
        addresses = Dictionary(config.gates.map { ($0.id, $0.reader) }, uniquingKeysWith: { first, _ in first })
        loops = config.gates.map { gate in
            let detection: GateSettings.Detection = gate.detect == .afi ? .afi(inStock: inStock) : .eas
            let settings = GateSettings(
                gate: gate.id, reader: gate.reader, detection: detection, antennas: gate.antennas, debounce: gate.debounce,
                outputs: gate.outputs, runsAlarmCommand: !gate.alarmCommand.isEmpty, recordItems: gate.recordItems)
            return GateLoop.Configuration(settings: settings, alarmCommand: gate.alarmCommand, timeZone: zone, limit: limit)
        }
        let ids = config.gates.map(\.id)
        if let twice = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) { throw GatedError.duplicateGate(twice) }
    }

    /// Opens the gate's reader through the driver table, the demo and mock readers included
    /// (a training site names `emulated:`).
    func opener(for gate: String) -> GateLoop.ReaderOpener {
        let address = addresses[gate] ?? ""
        return { () async throws -> any RFIDReader in try await ReaderFactory.open(address, drivers: SiteOptions.readers) }
    }
}
