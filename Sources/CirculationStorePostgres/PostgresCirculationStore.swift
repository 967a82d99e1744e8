import CirculationLog
import CirculationStore
import PostgresNIO
import PostgresSupport

/// The circulation store in a PostgreSQL database that a network's libraries share: the same
/// interfaces as the SQLite store (`CirculationStoreReading` for reports,
/// `CirculationStoreMaintaining` for ingest, purge and audit), every row tagged with its
/// library. It is the only place that turns the store's plain values into PostgreSQL's SQL.
///
/// A store works for one library (`Scope.library`: its site's `[site] id`), or for the whole
/// network (`Scope.network`: reports, purge and audit over every library; ingest needs one
/// library). Reports aggregate in the database: a month's counters come back summed per
/// combination of dimensions, the network's across libraries, never as the raw rows.
///
/// Concurrency: many ingest jobs, gates and stations write at once. Counters and item counts are
/// upserts that add (`count = count + excluded.count`), so concurrent batches add up exactly; the
/// ledger is claimed atomically (see `commit`).
public final class PostgresCirculationStore: CirculationStoreMaintaining {
    public enum Scope: Sendable, Equatable {
        case library(String)
        case network
    }

    public enum OpenMode: Sendable {
        /// Ingest: apply the store's migrations when missing (a role that may not is told so).
        case createIfMissing
        /// Reports, purge, audit: a database without the store is an error, never a new store.
        case mustExist
    }

    public let scope: Scope
    let session: PostgresSession
    /// The ledger's fingerprint secret; nil for a store opened only to be read.
    let ledgerKey: [UInt8]?

    /// What a role that may not create the store's tables is told.
    static let setupAdvice = "the database's owner creates the tables and roles first: see Docs/deployment.md"

    /// The circulation store's schema, for the setup command (`rfid-report database setup`).
    public static var schema: PostgresSchema { PostgresCirculationSchema.schema }

    public init(endpoint: PostgresEndpoint, scope: Scope, mode: OpenMode) throws(StoreError) {
        self.scope = scope
        do {
            session = try PostgresSession(endpoint: endpoint)
            let migration: PostgresMigrator.Mode =
                mode == .createIfMissing ? .migrate : .requireCurrent(advice: Self.setupAdvice)
            try PostgresMigrator.prepare(PostgresCirculationSchema.schema, on: session, mode: migration)
        } catch {
            throw StoreError(error)
        }
        ledgerKey = mode == .createIfMissing ? try Self.loadKey(session) : nil
    }

    deinit { session.close() }

    /// The URL without its password, as messages name the store.
    public var location: String { session.location }

    /// The library rows are written for; nil for the network (which cannot be written to).
    var library: String? {
        if case .library(let id) = scope { return id }
        return nil
    }

    // MARK: - Units of work

    func read<T>(_ doing: String, _ body: (PostgresLink) throws -> T) throws(StoreError) -> T {
        do {
            return try session.withConnection(doing, body)
        } catch {
            throw Self.storeError(error, location: location, doing: doing)
        }
    }

    func write<T>(_ doing: String, _ body: (PostgresLink) throws -> T) throws(StoreError) -> T {
        do {
            return try session.transaction(doing, body)
        } catch {
            throw Self.storeError(error, location: location, doing: doing)
        }
    }

    /// A `StoreError` the body threw stays as it is; the server's failures get the store's kinds.
    static func storeError(_ error: any Error, location: String, doing: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError(PostgresStoreError(error, location: location, doing: doing))
    }

    static func loadKey(_ session: PostgresSession) throws(StoreError) -> [UInt8] {
        do {
            return try session.withConnection("read the ledger key of") { link in
                guard let row = try link.query("SELECT key FROM circulation_ledger_key").first else {
                    throw StoreError(.corrupt, location: session.location, "the ledger key is missing (the store is damaged)")
                }
                var buffer = try row.decode(ByteBuffer.self)
                guard let key = buffer.readBytes(length: buffer.readableBytes), key.count == 32 else {
                    throw StoreError(.corrupt, location: session.location, "the ledger key is not 32 bytes (the store is damaged)")
                }
                return key
            }
        } catch {
            throw storeError(error, location: session.location, doing: "read the ledger key of")
        }
    }

    // MARK: - CirculationStoreReading

    /// `library || '/' || branch` for the network, whose libraries may use the same branch
    /// codes; the branch alone for one library.
    var branchColumn: String { library == nil ? "library || '/' || branch" : "branch" }
    var itemColumn: String { library == nil ? "library || '/' || item" : "item" }

    /// The month's counters summed over the network's libraries (or kept to one) in the
    /// database. Every dimension stays: the report maps collections and locations to audiences.
    public func counters(month: String) throws(StoreError) -> [CounterRow] {
        let (low, high) = (month + "-", month + ".")
        let location = self.location
        let library = self.library
        let branch = branchColumn
        return try read("read") { link in
            let rows = try link.query(
                """
                SELECT day, hour, action, \(unescaped: branch) AS b, location, collection, media_type, source,
                    sum(count)::bigint
                FROM hourly_counters
                WHERE day >= \(low) AND day < \(high) AND (\(library)::text IS NULL OR library = \(library))
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
                """)
            var result: [CounterRow] = []
            result.reserveCapacity(rows.count)
            for row in rows {
                let (day, hour, actionText, branch, loc, collection, media, sourceText, count) = try row.decode(
                    (String, Int16, String, String, String, String, String, String, Int).self)
                guard let action = CirculationAction(rawValue: actionText), let source = TransactionSource(rawValue: sourceText)
                else {
                    throw StoreError(.corrupt, location: "\(location): table hourly_counters", "a row has an unknown action or source")
                }
                result.append(
                    CounterRow(
                        day: day, hour: Int(hour), action: action, branch: branch, location: loc, mediaType: media,
                        collection: collection, source: source, count: try Self.positive(count, location: location, table: "hourly_counters")))
            }
            return result
        }
    }

    public func itemCounts(month: String) throws(StoreError) -> [ItemCount] {
        let location = self.location
        let library = self.library
        let item = itemColumn
        return try read("read") { link in
            try link.query(
                """
                SELECT \(unescaped: item), count FROM item_monthly_counts
                WHERE month = \(month) AND (\(library)::text IS NULL OR library = \(library))
                ORDER BY count DESC, 1
                """
            ).map { row in
                let (item, count) = try row.decode((String, Int).self)
                return ItemCount(item: item, count: try Self.positive(count, location: location, table: "item_monthly_counts"))
            }
        }
    }

    /// The list straight from SQL: the month's items sorted by count, only the top `limit`
    /// handed over. Items of the network are each library's own (the same barcode in two
    /// libraries is two items).
    public func mostUsedItems(month: String, minimumCount: Int, limit: Int) throws(StoreError) -> [ItemCount] {
        let location = self.location
        let library = self.library
        let item = itemColumn
        return try read("read") { link in
            try link.query(
                """
                SELECT \(unescaped: item), count FROM item_monthly_counts
                WHERE month = \(month) AND count >= \(minimumCount) AND (\(library)::text IS NULL OR library = \(library))
                ORDER BY count DESC, 1 LIMIT \(max(0, limit))
                """
            ).map { row in
                let (item, count) = try row.decode((String, Int).self)
                return ItemCount(item: item, count: try Self.positive(count, location: location, table: "item_monthly_counts"))
            }
        }
    }

    /// A stored count must be positive (the tables' CHECK says so; a damaged store is exit 65).
    static func positive(_ count: Int, location: String, table: String) throws -> Int {
        guard count > 0 else {
            throw StoreError(.corrupt, location: "\(location): table \(table)", "a count is not a positive whole number (the store is damaged)")
        }
        return count
    }

    /// Gate alarms live in the gate event store, not here.
    public func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { [] }

    /// Tagging activity lives in the station activity store, not here.
    public func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { [] }

    /// None: the database server's files are its administrator's to audit (Docs/deployment.md).
    public var storageFiles: [String] { [] }
}

extension StoreError {
    /// The circulation store's error for a failure of its PostgreSQL database.
    init(_ error: any Error) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? PostgresStoreError else {
            self.init(.io, location: "database", "\(error)")
            return
        }
        let kind: Kind =
            switch error.kind {
            case .badURL: .unsupportedURL
            case .cannotConnect, .tls, .permission, .notSetUp: .cannotOpen
            case .newerSchema, .migrationChanged, .corrupt: .corrupt
            case .conflict, .io: .io
            }
        self.init(kind, location: error.location, error.detail)
    }
}
