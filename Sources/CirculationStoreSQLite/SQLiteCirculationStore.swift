import CirculationLog
import CirculationStore
import Foundation
import GRDB
import SQLiteSupport

/// The circulation store in one SQLite file (WAL mode, secure delete on, 0600, opened through
/// `SQLiteSupport`). Reports read it through `CirculationStoreReading`; ingest, purge and audit
/// through `CirculationStoreMaintaining`. It is the only place that turns the store's plain
/// values into SQL.
public final class SQLiteCirculationStore: CirculationStoreReading {
    public typealias OpenMode = SQLiteStore.OpenMode

    /// The file name of the store inside the data directory.
    public static let defaultFileName = "circulation.sqlite"

    public let path: String
    let queue: DatabaseQueue
    /// The secret the ledger's fingerprints are keyed with (`LedgerKey`); nil for a store opened
    /// only to be read that has none yet.
    let ledgerKey: [UInt8]?

    public init(path: String, mode: OpenMode) throws(StoreError) {
        self.path = path
        do {
            queue = try SQLiteStore.open(path: path, schema: CirculationSchema.sqlite, mode: mode)
        } catch {
            throw StoreError(error)
        }
        ledgerKey = try FilePermissions.withPrivateUmask { () throws(StoreError) in
            try LedgerKey.load(databasePath: path, create: mode == .createIfMissing)
        }
    }

    /// The store's path from `--database` (`nil`: the default path in the data directory).
    public static func path(
        forDatabaseOption text: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> String {
        do {
            return try StoreLocation.parse(text, defaultFileName: defaultFileName, environment: environment).sqlitePath()
        } catch {
            throw StoreError(error)
        }
    }

    // MARK: - Internal access for ingest, purge and audit

    /// Runs `body` in one write transaction.
    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write { db in try body(db) }
        } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    /// Runs `body` outside any transaction (VACUUM and checkpoints need that).
    func writeWithoutTransaction<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in try body(db) }
        } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    /// A `StoreError` the body threw stays as it is; SQLite's failures get the store's kinds.
    static func storeError(_ error: any Error, path: String, doing: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError(SQLiteStoreError(error, path: path, doing: doing))
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
                        collection: row[6], source: source, count: try Self.count(row, 8, path: path, table: "hourly_counters")))
            }
            return result
        }
    }

    public func itemCounts(month: String) throws(StoreError) -> [ItemCount] {
        let path = self.path
        return try read("read") { db in
            try Row.fetchAll(
                db, sql: "SELECT item, count FROM item_monthly_counts WHERE month = ? ORDER BY count DESC, item",
                arguments: [month]
            ).map { ItemCount(item: $0[0], count: try Self.count($0, 1, path: path, table: "item_monthly_counts")) }
        }
    }

    /// A stored count, which must be a positive integer. SQLite turns an integer that overflows
    /// in `count + excluded.count` into a floating-point value; reading that as a count would
    /// stop the program, so a store holding one is reported as damaged (exit 65) instead.
    static func count(_ row: Row, _ index: Int, path: String, table: String) throws -> Int {
        let value: DatabaseValue = row[index]
        guard case .int64(let n) = value.storage, n > 0 else {
            throw StoreError(.corrupt, location: "\(path): table \(table)", "a count is not a positive whole number (the store is damaged)")
        }
        return Int(n)
    }

    /// Empty until the gate store exists: gate alarms are not kept in this store.
    public func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { [] }

    /// Empty until the station store exists: tagging activity is not kept in this store.
    public func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { [] }

    /// Half-open range of `day` strings within "YYYY-MM": "." sorts right after "-".
    static func dayRange(month: String) -> (String, String) { (month + "-", month + ".") }
}
