import Foundation
import PostgresNIO
import PostgresSupport
import PostgresTestSupport
import Testing

/// Versioned migrations on a real server: applied once, in order, whoever opens first; a newer
/// or an edited migration refused; a role that may not migrate told what to do.
@Suite(.enabled(if: PostgresTestServer.enabled))
struct PostgresMigratorTests {
    static let v1 = PostgresMigration(1, "things", ["CREATE TABLE things (id bigint PRIMARY KEY, name text NOT NULL)"])
    static let v2 = PostgresMigration(2, "things-count", ["ALTER TABLE things ADD COLUMN count integer NOT NULL DEFAULT 0"])
    static let schema = PostgresSchema(store: "test_store", storeName: "test store", migrations: [v1, v2])

    func recorded(_ session: PostgresSession) throws -> [Int] {
        try session.withConnection("read") { link in
            try link.query("SELECT version FROM libraryrfid_migrations WHERE store = 'test_store' ORDER BY version")
                .map { try $0.decode(Int.self) }
        }
    }

    @Test func aNewDatabaseGetsEveryMigrationOnceAndReopeningChangesNothing() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        #expect(try recorded(session) == [1, 2])
        try session.withConnection("use") { link in try link.execute("INSERT INTO things (id, name, count) VALUES (1, 'a', 2)") }
        // A later version that adds a migration applies only that one.
        let v3 = PostgresMigration(3, "things-index", ["CREATE INDEX things_name ON things (name)"])
        try PostgresMigrator.prepare(
            PostgresSchema(store: "test_store", storeName: "test store", migrations: [Self.v1, Self.v2, v3]), on: session, mode: .migrate)
        #expect(try recorded(session) == [1, 2, 3])
    }

    @Test func eightProcessesOpeningANewDatabaseAtOnceMigrateItOnce() async throws {
        let db = try PostgresTestServer.freshDatabase()
        let endpoint = try db.endpoint()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let session = try PostgresSession(endpoint: endpoint)
                    defer { session.close() }
                    try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
                }
            }
            try await group.waitForAll()
        }
        let session = try db.session()
        defer { session.close() }
        #expect(try recorded(session) == [1, 2])
    }

    @Test func aDatabaseWithANewerMigrationIsRefused() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        let v3 = PostgresMigration(3, "from-the-future", ["CREATE TABLE later (id integer)"])
        try PostgresMigrator.prepare(
            PostgresSchema(store: "test_store", storeName: "test store", migrations: [Self.v1, Self.v2, v3]), on: session, mode: .migrate)
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        }
        #expect(error?.kind == .newerSchema)
        #expect(error?.exitStatus == .dataError)
        #expect(error?.description.contains("newer version") == true)
    }

    @Test func anEditedShippedMigrationIsRefused() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        let edited = PostgresMigration(2, "things-count", ["ALTER TABLE things ADD COLUMN count bigint NOT NULL DEFAULT 0"])
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresMigrator.prepare(
                PostgresSchema(store: "test_store", storeName: "test store", migrations: [Self.v1, edited]), on: session, mode: .migrate)
        }
        #expect(error?.kind == .migrationChanged)
    }

    @Test func storesNumberTheirMigrationsIndependently() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        let other = PostgresSchema(
            store: "other_store", storeName: "other store",
            migrations: [PostgresMigration(1, "others", ["CREATE TABLE others (id integer)"])])
        try PostgresMigrator.prepare(other, on: session, mode: .migrate)
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        #expect(try recorded(session) == [1, 2])
    }

    @Test func aRoleThatMayNotMigrateIsToldTheStoreIsNotSetUp() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresMigrator.prepare(Self.schema, on: session, mode: .requireCurrent(advice: "run the setup command"))
        }
        #expect(error?.kind == .notSetUp)
        #expect(error?.description.contains("no test store in this database (run the setup command)") == true)
        try PostgresMigrator.prepare(PostgresSchema(store: "test_store", storeName: "test store", migrations: [Self.v1]), on: session, mode: .migrate)
        let partial = #expect(throws: PostgresStoreError.self) {
            try PostgresMigrator.prepare(Self.schema, on: session, mode: .requireCurrent(advice: "run the setup command"))
        }
        #expect(partial?.description.contains("lacks 1 migration(s)") == true)
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .migrate)
        try PostgresMigrator.prepare(Self.schema, on: session, mode: .requireCurrent(advice: "run the setup command"))
    }
}
