import CirculationStore
import Foundation
import GateEventStore
import GateEventStoreSQLite
import SiteConfiguration

/// The "Gate alarms by gate" section's figures: read from the gate event store named by
/// `[gate_store] path` when that file exists. A site without gates has no such file, and its
/// report shows the section empty, as before.
enum GateAlarmSource {
    static func alarms(month: String, gateStore: SiteConfiguration.GateStore) throws -> [NamedCount]? {
        let path = try SQLiteGateEventStore.path(forSetting: gateStore.path)
        guard try OptionalStoreFile.exists(path) else { return nil }
        let store = try SQLiteGateEventStore(path: path, mode: .mustExist)
        return try store.alarmsByGate(month: month).map { NamedCount(name: $0.gate, count: $0.count) }
    }
}
