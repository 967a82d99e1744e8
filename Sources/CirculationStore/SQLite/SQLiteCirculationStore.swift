import CirculationLog
import Foundation
import GRDB

/// The circulation store in one SQLite file (WAL mode, secure delete on, 0600). Reports read it
/// through `CirculationStoreReading`; ingest, purge and audit use the internal write paths.
public final class SQLiteCirculationStore: CirculationStoreReading {
    public enum OpenMode: Sendable {
        /// Ingest: create the directory and the file when missing.
        case createIfMissing
        /// Reports, purge, audit: a missing store is an error, never silently an empty new one.
        case mustExist
    }

    public let path: String
    let queue: DatabaseQueue

    public init(path: String, mode: OpenMode) throws(StoreError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            switch mode {
            case .mustExist:
                throw StoreError(
                    .cannotOpen, location: path,
                    "no circulation store here (run `rfid-report ingest` first, or pass --database)")
            case .createIfMissing:
                try FilePermissions.ensureParentDirectory(of: path)
            }
        }
        if exists && !FileManager.default.isReadableFile(atPath: path) {
            throw StoreError(.cannotOpen, location: path, "the store file is not readable by this account")
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(10)
        config.label = "circulation-store"
        config.prepareDatabase { db in
            // Deleted rows are overwritten with zeros, not left in free pages (P6).
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Sorting and VACUUM never spill store contents into files in /tmp.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // WAL + NORMAL: a commit survives the process being killed; the ledger and the
            // counters of a batch share one transaction, so a power loss can only lose whole
            // batches, which the next ingest re-reads.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache (the default is 2 MiB): a month's counter and item tables stay
            // in memory while a batch is added to them, instead of being re-read page by page.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            queue = try FilePermissions.withPrivateUmask { () throws(any Error) in
                let queue = try DatabaseQueue(path: path, configuration: config)
                try queue.writeWithoutTransaction { db in try Self.checkOwnership(db, path: path) }
                try Schema.migrator.migrate(queue)
                return queue
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path, doing: "open")
        }
        try FilePermissions.restrict(databasePath: path)
    }

    /// Refuses a SQLite file that some other program made; stamps a new one as ours.
    private static func checkOwnership(_ db: Database, path: String) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID == Schema.applicationID { return }
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        guard appID == 0 && tables == 0 else {
            throw StoreError(.corrupt, location: path, "this SQLite file is not a LibraryRFID circulation store")
        }
        try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
    }

    // MARK: - Internal access for ingest, purge and audit

    /// Runs `body` in one write transaction.
    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write { db in try body(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    /// Runs `body` outside any transaction (VACUUM and checkpoints need that).
    func writeWithoutTransaction<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in try body(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    /// Maps SQLite failures to the store's error kinds. SQLite's own messages name tables and
    /// constraints, never bound values, so they are safe to show.
    static func storeError(_ error: any Error, path: String, doing: String) -> StoreError {
        guard let dbError = error as? DatabaseError else {
            return StoreError(.io, location: path, "cannot \(doing) the store: \(error)")
        }
        let message = dbError.message ?? "\(dbError.resultCode)"
        switch dbError.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.corrupt, location: path, "cannot \(doing) the store: the file is damaged or not a SQLite database (\(message))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return StoreError(.cannotOpen, location: path, "cannot \(doing) the store: \(message)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.io, location: path, "cannot \(doing) the store: another process kept it locked for 10 s")
        default:
            return StoreError(.io, location: path, "cannot \(doing) the store: \(message)")
        }
    }

    // MARK: - CirculationStoreReading

    public func counters(month: String) throws(StoreError) -> [CounterRow] {
        let (low, high) = Self.dayRange(month: month)
        let path = self.path
        return try read("read") { db in
            // A cursor and columns by position: copying every row and GRDB's by-name lookup
            // (which lower-cases the name on each access) dominated a large month's report.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT day, hour, action, branch, location, media_type, collection, source, count
                    FROM hourly_counters WHERE day >= ? AND day < ?
                    ORDER BY day, hour, action, branch, location, media_type, collection, source
                    """, arguments: [low, high])
            var result: [CounterRow] = []
            while let row = try rows.next() {
                let actionText: String = row[2]
                let sourceText: String = row[7]
                guard let action = CirculationAction(rawValue: actionText),
                    let source = TransactionSource(rawValue: sourceText)
                else {
                    throw StoreError(.corrupt, location: "\(path): table hourly_counters", "a row has an unknown action or source")
                }
                result.append(
                    CounterRow(
                        day: row[0], hour: row[1], action: action, branch: row[3], location: row[4], mediaType: row[5],
                        collection: row[6], source: source, count: row[8]))
            }
            return result
        }
    }

    public func itemCounts(month: String) throws(StoreError) -> [ItemCount] {
        try read("read") { db in
            try Row.fetchAll(
                db, sql: "SELECT item, count FROM item_monthly_counts WHERE month = ? ORDER BY count DESC, item",
                arguments: [month]
            ).map { ItemCount(item: $0[0], count: $0[1]) }
        }
    }

    /// Empty until the gate store exists: gate alarms are not kept in this store.
    public func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { [] }

    /// Empty until the station store exists: tagging activity is not kept in this store.
    public func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { [] }

    /// Half-open range of `day` strings within "YYYY-MM": "." sorts right after "-".
    static func dayRange(month: String) -> (String, String) { (month + "-", month + ".") }
}
