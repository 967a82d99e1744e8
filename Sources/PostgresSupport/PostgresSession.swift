import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to a PostgreSQL store, used synchronously.
///
/// The store protocols (`CirculationStoreMaintaining`, `GateEventStoring`, `StationActivityStore`)
/// are synchronous: their callers are command-line tools and loops that do one thing after
/// another, and the SQLite stores behind the same protocols block too. postgres-nio is
/// asynchronous, so this type bridges: each statement is sent through postgres-nio's
/// EventLoopFuture interface and the calling thread waits for its result (`wait()`). All the
/// network work runs on NIO's own event-loop threads, which never run LibraryRFID code, so a
/// waiting caller can never hold up the work it waits for, whichever thread it is on (a task of
/// Swift's cooperative pool included: no task has to run for the wait to end, unlike bridging
/// through `Task {}` and a semaphore, which deadlocks once every pool thread waits). The cost is
/// one blocked thread per waiting caller, which is what a synchronous store means anyway.
///
/// One caller at a time: the connection is guarded by a lock held for a whole unit of work (a
/// statement, or a transaction), so a store may be shared between threads. A connection lost
/// between units of work is opened again for the next one; a unit of work is never retried after
/// a lost connection (its COMMIT may have happened: the stores' own checks, such as the ingest
/// ledger's compare-and-set, decide what to do again), only after the server says it rolled the
/// transaction back (serialization failure, deadlock).
public final class PostgresSession: @unchecked Sendable {
    public let endpoint: PostgresEndpoint
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var connection: PostgresConnection?
    private var closed = false

    /// Statements and their bound values are not logged: postgres-nio logs queries and binds at
    /// debug level, and a bound value can be an item barcode.
    static let logger = Logger(label: "libraryrfid.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// How often a transaction the server rolled back (serialization failure, deadlock) is run again.
    public static let conflictRetries = 8

    /// Connects now, so that a wrong URL, password or certificate is reported when the store is
    /// opened rather than at its first statement.
    public init(endpoint: PostgresEndpoint) throws(PostgresStoreError) {
        self.endpoint = endpoint
        lock.lock()
        defer { lock.unlock() }
        _ = try connected()
    }

    deinit {
        if let connection { _ = try? connection.close().wait() }
    }

    public var location: String { endpoint.description }

    /// Closes the connection; the session cannot be used afterwards.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        if let connection { _ = try? connection.close().wait() }
        connection = nil
    }

    /// Runs `body` with the connection, outside any transaction (each statement commits on its
    /// own; VACUUM needs this). Server failures come out as `PostgresStoreError`; any other
    /// error `body` throws comes out as it is.
    @discardableResult
    public func withConnection<T>(_ doing: String, _ body: (PostgresLink) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let link = PostgresLink(connection: try connected())
        do {
            return try body(link)
        } catch {
            throw mapped(error, doing: doing)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// When the server rolls it back itself (serialization failure, deadlock), `body` runs again,
    /// up to `conflictRetries` times: it must do nothing outside the database that cannot be
    /// repeated. Errors as for `withConnection`.
    @discardableResult
    public func transaction<T>(
        _ doing: String, isolation: Isolation = .readCommitted, _ body: (PostgresLink) throws -> T
    ) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var attempt = 0
        while true {
            let link = PostgresLink(connection: try connected())
            do {
                try link.execute(PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.rawValue)"))
                let result = try body(link)
                try link.execute("COMMIT")
                return result
            } catch {
                let state = PostgresStoreError.sqlState(of: error)
                if connection?.isClosed == false {
                    // A failed statement leaves the transaction aborted: end it. If even that
                    // fails, the connection is in no state to be used again.
                    do { try link.execute("ROLLBACK") } catch { dropConnection() }
                }
                if (state == "40001" || state == "40P01") && attempt < Self.conflictRetries {
                    attempt += 1
                    usleep(UInt32.random(in: 1_000...(5_000 * UInt32(attempt))))
                    continue
                }
                throw mapped(error, doing: doing)
            }
        }
    }

    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    // MARK: - Connecting

    /// The open connection, connecting first when there is none or it was lost. Caller holds `lock`.
    private func connected() throws(PostgresStoreError) -> PostgresConnection {
        if closed { throw PostgresStoreError(.io, location: location, "the store was closed") }
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let configuration = try Self.configuration(endpoint)
        do {
            let opened = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                id: Int.random(in: 1...Int(Int32.max)), logger: Self.logger
            ).wait()
            connection = opened
            return opened
        } catch {
            throw PostgresStoreError(error, location: location, doing: "connect to the database")
        }
    }

    private func dropConnection() {
        if let connection { _ = try? connection.close().wait() }
        connection = nil
    }

    /// Maps a failure inside a unit of work; a connection-level failure drops the connection so
    /// the next unit of work connects again.
    private func mapped(_ error: any Error, doing: String) -> any Error {
        if let psql = error as? PSQLError {
            // No server error (the connection failed), or one that ends the session (FATAL:
            // terminated by an administrator, the server shutting down).
            let severity = psql.serverInfo?[.severity]
            if psql.serverInfo == nil || severity == "FATAL" || severity == "PANIC" { dropConnection() }
            return PostgresStoreError(psql, location: location, doing: doing)
        }
        return error
    }

    static func configuration(_ endpoint: PostgresEndpoint) throws(PostgresStoreError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint.address {
        case .tcp(let host, let port):
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: endpoint.user, password: endpoint.password, database: endpoint.database,
                tls: try endpoint.tls.connectionTLS(location: endpoint.description))
        case .unixSocket(let path):
            configuration = PostgresConnection.Configuration(
                unixSocketPath: path, username: endpoint.user, password: endpoint.password, database: endpoint.database)
        }
        configuration.options.connectTimeout = .seconds(Int64(endpoint.connectTimeoutSeconds))
        // The stores' tables live in the database's public schema; naming it keeps a schema that
        // happens to share a role's name from shadowing them. UTC keeps timestamps unambiguous.
        configuration.options.additionalStartupParameters = [
            ("application_name", "libraryrfid"), ("search_path", "public"), ("TimeZone", "UTC"),
        ]
        return configuration
    }
}

/// The connection as a unit of work sees it: statements run one after another, each waited
/// for. Valid only inside the `PostgresSession` call that handed it out.
public struct PostgresLink {
    let connection: PostgresConnection

    /// Runs a statement and returns every row (for results of bounded size: aggregates, one
    /// month's counters, a batch of a larger scan).
    public func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: PostgresSession.logger).wait()
    }

    /// Runs a statement and returns the number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ query: PostgresQuery) throws -> Int {
        let result = try connection.query(query, logger: PostgresSession.logger).wait()
        return result.metadata.rows ?? 0
    }
}
