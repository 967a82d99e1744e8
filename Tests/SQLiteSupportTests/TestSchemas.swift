import Foundation
import GRDB
import SQLiteSupport

/// Counts how often a migration body ran, across the migrator's @Sendable closures.
final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [String: Int] = [:]

    func ran(_ identifier: String) { lock.withLock { runs[identifier, default: 0] += 1 } }
    func count(_ identifier: String) -> Int { lock.withLock { runs[identifier] ?? 0 } }
}

/// A small store kind for the tests: "v1" makes one table, "v2" (when asked for) adds a column,
/// as a later version of a store would.
enum TestSchemas {
    static let applicationID: Int32 = 0x4C52_5454  // "LRTT"

    static func schema(migrations: Int = 1, counter: RunCounter = RunCounter(), applicationID: Int32 = applicationID)
        -> SQLiteStoreSchema
    {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            counter.ran("v1")
            try db.execute(sql: "CREATE TABLE events (day TEXT NOT NULL, count INTEGER NOT NULL)")
        }
        if migrations >= 2 {
            migrator.registerMigration("v2-gate") { db in
                counter.ran("v2-gate")
                try db.execute(sql: "ALTER TABLE events ADD COLUMN gate TEXT NOT NULL DEFAULT ''")
            }
        }
        return SQLiteStoreSchema(
            storeName: "test store", applicationID: applicationID, migrator: migrator,
            missingAdvice: "create it first")
    }
}
