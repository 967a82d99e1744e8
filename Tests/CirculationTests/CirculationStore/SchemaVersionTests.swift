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

    @Test("a new store records migration v1 under its shipped name, once, however often it is opened")
    func v1Once() throws {
        let dir = TemporaryDirectory("schema")
        let path = dir.file("c.sqlite")
        let created = try SQLiteCirculationStore(path: path, mode: .createIfMissing)
        #expect(try recordedMigrations(created) == ["v1-counters-items-ledger"])
        for _ in 0..<2 {
            let reopened = try SQLiteCirculationStore(path: path, mode: .mustExist)
            #expect(try recordedMigrations(reopened) == ["v1-counters-items-ledger"])
        }
    }
}
