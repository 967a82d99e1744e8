import Foundation
import GRDB
import SQLiteSupport
import Testing

/// What every store gets from `SQLiteStore.open`, whatever its tables: private files, WAL,
/// secure delete, and a refusal of files that are not this kind of store.
@Suite("Opening a SQLite store")
struct OpeningTests {
    @Test("a new store is created 0600 in a new 0700 directory, and its WAL and index are 0600 too")
    func privateFiles() throws {
        let dir = ScratchDirectory()
        let path = dir.file("data/store.sqlite")
        let queue = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .createIfMissing)
        try queue.write { db in try db.execute(sql: "INSERT INTO events VALUES ('2026-12-01', 1)") }
        #expect(ScratchDirectory.permissions(dir.file("data")) == 0o700)
        #expect(ScratchDirectory.permissions(path) == 0o600)
        #expect(ScratchDirectory.permissions(path + "-wal") == 0o600)
        #expect(ScratchDirectory.permissions(path + "-shm") == 0o600)
    }

    @Test("an existing store readable by others is restricted to 0600 when opened")
    func existingFileIsRestricted() throws {
        let dir = ScratchDirectory()
        let path = dir.file("store.sqlite")
        _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .createIfMissing)
        #expect(chmod(path, 0o644) == 0)
        _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .mustExist)
        #expect(ScratchDirectory.permissions(path) == 0o600)
    }

    @Test("a store file owned by another account is refused, naming both accounts, and left unchanged")
    func anotherAccountsStoreIsRefused() throws {
        let dir = ScratchDirectory()
        let path = dir.file("store.sqlite")
        _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .createIfMissing)
        // Only root can give a file away; as another user the refusal is shown by the file
        // being someone else's to begin with, which a test cannot arrange.
        guard geteuid() == 0 else { return }
        let nobody: uid_t = 65534
        #expect(chown(path, nobody, gid_t(65534)) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try #require(throws: SQLiteStoreError.self) {
            try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .mustExist)
        }
        #expect(error.kind == .cannotOpen)
        #expect(error.description.contains("belongs to uid 65534, not to this account (uid 0)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("WAL, secure delete and in-memory temporary data are on for every connection")
    func pragmas() throws {
        let dir = ScratchDirectory()
        let queue = try SQLiteStore.open(path: dir.file("s.sqlite"), schema: TestSchemas.schema(), mode: .createIfMissing)
        let (journal, secureDelete, tempStore, synchronous, appID) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA secure_delete"),
                try Int.fetchOne(db, sql: "PRAGMA temp_store"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int32.fetchOne(db, sql: "PRAGMA application_id")
            )
        }
        #expect(journal == "wal")
        #expect(secureDelete == 1)
        #expect(tempStore == 2)  // MEMORY
        #expect(synchronous == 1)  // NORMAL
        #expect(appID == TestSchemas.applicationID)
    }

    @Test("a store that must exist and does not is a clear error, and no file is created in its place")
    func missing() throws {
        let dir = ScratchDirectory()
        let path = dir.file("none.sqlite")
        let error = #expect(throws: SQLiteStoreError.self) {
            _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .mustExist)
        }
        #expect(error?.kind == .cannotOpen)
        #expect(error?.description == "\(path): no test store here (create it first)")
        #expect(error?.exitStatus == .ioError)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("another program's SQLite file is refused and left unchanged")
    func foreignSQLiteFile() throws {
        let dir = ScratchDirectory()
        let path = dir.file("notes.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        let error = #expect(throws: SQLiteStoreError.self) {
            _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .mustExist)
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.description.contains("not a LibraryRFID test store") == true)
        let check = try DatabaseQueue(path: path)
        let events = try check.read { db in try db.tableExists("events") }
        #expect(!events)
    }

    @Test("a store of another kind (another application id) is refused")
    func anotherKindOfStore() throws {
        let dir = ScratchDirectory()
        let path = dir.file("gate.sqlite")
        _ = try SQLiteStore.open(
            path: path, schema: TestSchemas.schema(applicationID: 0x4C52_4753), mode: .createIfMissing)
        let error = #expect(throws: SQLiteStoreError.self) {
            _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .mustExist)
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.exitStatus == .dataError)
    }

    @Test("a file that is not SQLite at all is refused as damaged, without quoting its content")
    func notSQLite() throws {
        let dir = ScratchDirectory()
        let path = dir.file("notes.txt")
        try Data("patron Jane Doe 23529000035676, not a database at all".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteStoreError.self) {
            _ = try SQLiteStore.open(path: path, schema: TestSchemas.schema(), mode: .mustExist)
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.description.contains("23529000035676") == false)
        #expect(error?.description.contains("Jane") == false)
    }
}
