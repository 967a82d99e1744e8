import Foundation
import GRDB
import SQLiteSupport
import Testing

/// Stores change their schema by appending migrations; a store file remembers which it has.
@Suite("Store migrations")
struct MigrationTests {
    @Test("v1 runs once when the store is created, and opening again runs nothing")
    func v1OnceAndIdempotent() throws {
        let dir = ScratchDirectory()
        let path = dir.file("s.sqlite")
        let counter = RunCounter()
        let schema = TestSchemas.schema(counter: counter)
        let first = try SQLiteStore.open(path: path, schema: schema, mode: .createIfMissing)
        try first.write { db in try db.execute(sql: "INSERT INTO events VALUES ('2026-12-01', 3)") }
        try first.close()
        for _ in 0..<2 {
            let again = try SQLiteStore.open(path: path, schema: schema, mode: .mustExist)
            let (applied, total) = try again.read { db in
                (try schema.migrator.appliedMigrations(db), try Int.fetchOne(db, sql: "SELECT sum(count) FROM events"))
            }
            #expect(applied == ["v1"])
            #expect(total == 3)
            try again.close()
        }
        #expect(counter.count("v1") == 1)
    }

    @Test("a migration appended later runs on an existing store, once, and keeps its records")
    func appendedMigration() throws {
        let dir = ScratchDirectory()
        let path = dir.file("s.sqlite")
        let counter = RunCounter()
        let old = try SQLiteStore.open(path: path, schema: TestSchemas.schema(counter: counter), mode: .createIfMissing)
        try old.write { db in try db.execute(sql: "INSERT INTO events VALUES ('2026-12-01', 3)") }
        try old.close()
        let newer = TestSchemas.schema(migrations: 2, counter: counter)
        for _ in 0..<2 {
            let queue = try SQLiteStore.open(path: path, schema: newer, mode: .mustExist)
            let (applied, gate) = try queue.read { db in
                (try newer.migrator.appliedMigrations(db), try String.fetchOne(db, sql: "SELECT gate FROM events"))
            }
            #expect(applied == ["v1", "v2-gate"])
            #expect(gate == "")
            try queue.close()
        }
        #expect(counter.count("v1") == 1)
        #expect(counter.count("v2-gate") == 1)
    }

    @Test("a store migrated by a newer version is refused, naming the migration it does not know")
    func newerStoreIsRefused() throws {
        let dir = ScratchDirectory()
        let path = dir.file("s.sqlite")
        let newer = try SQLiteStore.open(path: path, schema: TestSchemas.schema(migrations: 2), mode: .createIfMissing)
        try newer.close()
        let counter = RunCounter()
        let error = #expect(throws: SQLiteStoreError.self) {
            _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(counter: counter), mode: .mustExist)
        }
        #expect(error?.kind == .newerSchema)
        #expect(error?.exitStatus == .dataError)
        #expect(
            error?.description
                == "\(path): this test store was written by a newer version of LibraryRFID: it has schema migration(s) \"v2-gate\", which this version does not know; use that version or a newer one"
        )
        #expect(counter.count("v1") == 0)
    }
}
