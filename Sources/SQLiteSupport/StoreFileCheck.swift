import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The checks a store file passes before anything is written to it.
enum StoreFileCheck {
    /// Refuses a SQLite file that some other program (or another kind of store) made; stamps a
    /// new, empty one as this kind of store.
    static func storeKind(_ db: Database, schema: SQLiteStoreSchema, path: String) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID == schema.applicationID { return }
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        guard appID == 0 && tables == 0 else {
            throw SQLiteStoreError(.corrupt, location: path, "this SQLite file is not a LibraryRFID \(schema.storeName)")
        }
        try db.execute(sql: "PRAGMA application_id = \(schema.applicationID)")
    }

    /// Refuses a store file owned by another account. A tool run as the wrong user (root by
    /// habit, say) would create the WAL and shared-memory files as that user, and the service
    /// that owns the store could then no longer open it; it would also be reading data another
    /// account keeps private. The file must belong to the account running the tool.
    static func owner(path: String) throws(SQLiteStoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // gone meanwhile: SQLite reports it
        let me = geteuid()
        guard info.st_uid != me else { return }
        throw SQLiteStoreError(
            .cannotOpen, location: path,
            "the store file belongs to uid \(info.st_uid), not to this account (uid \(me)): run the tool as the store's owner (its service user, e.g. with sudo -u)")
    }

    /// Refuses a store that a newer version has migrated further than this one knows: GRDB
    /// would skip the unknown migrations silently, and this version would then write to tables
    /// whose meaning it does not know.
    static func noUnknownMigrations(_ db: Database, schema: SQLiteStoreSchema, path: String) throws {
        let known = Set(schema.migrator.migrations)
        let unknown = try schema.migrator.appliedIdentifiers(db).subtracting(known).sorted()
        guard !unknown.isEmpty else { return }
        let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
        throw SQLiteStoreError(
            .newerSchema, location: path,
            "this \(schema.storeName) was written by a newer version of LibraryRFID: it has schema migration(s) \(names), which this version does not know; use that version or a newer one")
    }
}
