import Foundation
import GRDB

/// Opens a store's SQLite file the one way every LibraryRFID store is opened: 0700 directory
/// and 0600 files created under a private umask, WAL, secure delete, temporary data in memory,
/// the file checked to be this kind of store (or stamped as one when new), and its migrations
/// applied, after refusing a file that holds migrations this version does not know.
///
/// It hands back a `DatabaseQueue`, not a `DatabasePool`: each store is written by one process
/// at a time in one sequence of transactions (ingest batches, one after another), and reports
/// read briefly, so concurrent readers would gain nothing, while every pool connection would
/// bring its own page cache (the circulation store's is 32 MiB) and make purge's checkpoint and
/// VACUUM wait for idle readers. One connection also keeps what the audit scans predictable.
public enum SQLiteStore {
    public enum OpenMode: Sendable {
        /// Ingest and other writers: create the directory and the file when missing.
        case createIfMissing
        /// Reports, purge, audit: a missing store is an error, never silently an empty new one.
        case mustExist
    }

    /// How long a writer waits for another process's lock before giving up.
    public static let busyTimeoutSeconds = 10
    /// How often a new store's creation is tried again when another process creates it too.
    static let setupRetries = 10

    public static func open(
        path: String, schema: SQLiteStoreSchema, mode: OpenMode
    ) throws(SQLiteStoreError) -> DatabaseQueue {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            switch mode {
            case .mustExist:
                throw SQLiteStoreError(.cannotOpen, location: path, "no \(schema.storeName) here (\(schema.missingAdvice))")
            case .createIfMissing:
                try FilePermissions.ensureParentDirectory(of: path)
            }
        }
        if exists {
            try StoreFileCheck.owner(path: path)
            if !FileManager.default.isReadableFile(atPath: path) {
                throw SQLiteStoreError(.cannotOpen, location: path, "the store file is not readable by this account")
            }
        }
        var queue: DatabaseQueue? = nil
        var attempt = 0
        while queue == nil {
            do {
                queue = try FilePermissions.withPrivateUmask { () throws(any Error) in
                    let queue = try DatabaseQueue(path: path, configuration: configuration(schema))
                    // One IMMEDIATE transaction: a second process creating the same new store
                    // reads the stamp and the tables together, never the empty file's stamp and
                    // then the first process's tables (which looked like some other program's file).
                    try queue.write { db in
                        try StoreFileCheck.storeKind(db, schema: schema, path: path)
                        try StoreFileCheck.noUnknownMigrations(db, schema: schema, path: path)
                    }
                    try schema.migrator.migrate(queue)
                    return queue
                }
            } catch let error as DatabaseError where attempt < setupRetries {
                // Two first runs at once create the same new store: the second can find a
                // migration half-seen (its table already made by the first). Opening again
                // sees the first one's finished schema; a real fault repeats and is reported.
                _ = error
                attempt += 1
                usleep(UInt32(20_000 * attempt))
            } catch {
                throw SQLiteStoreError(error, path: path, doing: "open")
            }
        }
        guard let queue else { throw SQLiteStoreError(.io, location: path, "cannot open the store") }
        try FilePermissions.restrict(databasePath: path)
        return queue
    }

    static func configuration(_ schema: SQLiteStoreSchema) -> Configuration {
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(TimeInterval(busyTimeoutSeconds))
        config.label = schema.storeName
        let cache = schema.pageCacheKiB
        config.prepareDatabase { db in
            // Deleted rows are overwritten with zeros, not left in free pages (P6).
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Sorting and VACUUM never spill store contents into files in /tmp.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // WAL + NORMAL: a commit survives the process being killed; a power loss can only
            // lose the last transactions, which a store's writer must be able to redo (the
            // circulation ingest re-reads whole batches after its ledger).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -\(cache)")
        }
        return config
    }
}
