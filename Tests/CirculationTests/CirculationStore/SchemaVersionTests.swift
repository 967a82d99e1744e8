import CirculationStore
import CirculationStoreSQLite
import Testing

/// The circulation store's migrations as stores in use have recorded them. The identifier of a
/// shipped migration must never change: stores that recorded it would run it again.
@Suite("Circulation store schema versions")
struct SchemaVersionTests {
    /// The migration identifiers the store file records, through the audit's table scan.
    func recordedMigrations(_ store: SQLiteCirculationStore) throws -> [String] {
        var identifiers: [String] = []
        try store.visitStoredValues { table, column, value in
            if table == "grdb_migrations" && column == "identifier" {
                identifiers.append(String(decoding: value, as: UTF8.self))
            }
        }
        return identifiers
    }

    /// Every migration, in order, under the name it shipped with.
    static let shipped = [
        "v1-counters-items-ledger", "v2-ledger-head-prefixes", "v3-ledger-keyed-fingerprints",
        "v4-ledger-malformed-lines",
    ]

    @Test("a new store records each migration under its shipped name, once, however often it is opened")
    func v1Once() throws {
        let dir = TemporaryDirectory("schema")
        let path = dir.file("c.sqlite")
        let created = try SQLiteCirculationStore(path: path, mode: .createIfMissing)
        #expect(try recordedMigrations(created) == Self.shipped)
        for _ in 0..<2 {
            let reopened = try SQLiteCirculationStore(path: path, mode: .mustExist)
            #expect(try recordedMigrations(reopened) == Self.shipped)
        }
    }
}
