import PostgresNIO

/// One step of a store's schema: numbered from 1 within its store, applied once, in order, in
/// one transaction with its record in `libraryrfid_migrations`.
///
/// **A migration that has shipped is never edited, renumbered or removed.** A database records
/// the text of every migration applied to it, and one whose recorded text differs from what this
/// version ships is refused (`migrationChanged`): an edit would reach new databases only, which
/// would then differ silently from those in use. To change a schema, add a migration after the
/// last one.
public struct PostgresMigration: Sendable, Equatable {
    public var version: Int
    /// A short identifier ("counters-items-ledger"), for messages.
    public var name: String
    /// The statements, run in order (one statement each: the extended protocol takes one).
    public var statements: [String]

    public init(_ version: Int, _ name: String, _ statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// What the migrations table records of it, and compares on every open.
    var recordedText: String { statements.joined(separator: ";\n") }
}

/// What a store brings to `PostgresMigrator`: its name in the migrations table and in messages,
/// and its migrations in order.
public struct PostgresSchema: Sendable {
    /// The store's key in `libraryrfid_migrations.store` ("circulation", "gate_events",
    /// "station_activity"): each store numbers its own migrations.
    public var store: String
    /// How messages name it ("circulation store").
    public var storeName: String
    public var migrations: [PostgresMigration]

    public init(store: String, storeName: String, migrations: [PostgresMigration]) {
        precondition(
            migrations.enumerated().allSatisfy { $0.offset + 1 == $0.element.version }, "migrations are numbered 1, 2, 3... in order")
        self.store = store
        self.storeName = storeName
        self.migrations = migrations
    }
}

/// Applies and checks stores' migrations. Every store's migrations are recorded in one table:
///
///     libraryrfid_migrations (store text, version integer, name text, statements text, applied_at timestamptz)
///
/// A database holding a migration of a store newer than this version knows is refused, as the
/// SQLite stores refuse such a file: this version would write rows the newer schema does not
/// expect. Several processes opening a new database at once (every gate of a branch starting)
/// apply each migration once: the migrating transaction holds an advisory lock.
public enum PostgresMigrator {
    public static let table = "libraryrfid_migrations"
    /// `pg_advisory_xact_lock` key of migrations ("LRMG").
    static let lockKey: Int64 = 0x4C52_4D47

    public enum Mode: Sendable {
        /// Apply missing migrations (the owner role: `setup`, or a single-role site's ingest).
        case migrate
        /// Only check that every migration is there (a least-privilege role, which may not
        /// create tables): a missing one is `notSetUp`, with `advice`.
        case requireCurrent(advice: String)
    }

    /// Brings `schema` up to date (or checks it is), refusing a newer or altered database.
    public static func prepare(_ schema: PostgresSchema, on session: PostgresSession, mode: Mode) throws(PostgresStoreError) {
        do {
            let applied = try session.withConnection("read the migrations of") { link in try recorded(schema, link: link) }
            if try isCurrent(schema, applied: applied, location: session.location) { return }
            switch mode {
            case .requireCurrent(let advice):
                let missing = schema.migrations.count - (applied?.count ?? 0)
                throw PostgresStoreError(
                    .notSetUp, location: session.location,
                    applied?.isEmpty ?? true
                        ? "no \(schema.storeName) in this database (\(advice))"
                        : "the \(schema.storeName) lacks \(missing) migration(s) this version needs (\(advice))")
            case .migrate:
                try session.transaction("migrate") { link in
                    try link.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
                    try link.execute(
                        PostgresQuery(
                            unsafeSQL: """
                                CREATE TABLE IF NOT EXISTS \(table) (
                                    store text NOT NULL, version integer NOT NULL, name text NOT NULL,
                                    statements text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
                                    PRIMARY KEY (store, version))
                                """))
                    // Another process may have migrated while this one waited for the lock.
                    let now = try recorded(schema, link: link) ?? [:]
                    if try isCurrent(schema, applied: now, location: session.location) { return }
                    for migration in schema.migrations where now[migration.version] == nil {
                        for statement in migration.statements {
                            try link.execute(PostgresQuery(unsafeSQL: statement))
                        }
                        try link.execute(
                            """
                            INSERT INTO libraryrfid_migrations (store, version, name, statements)
                            VALUES (\(schema.store), \(migration.version), \(migration.name), \(migration.recordedText))
                            """)
                    }
                }
            }
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError(error, location: session.location, doing: "migrate")
        }
    }

    /// The store's recorded migrations by version (text as recorded); nil when the database has
    /// no migrations table at all.
    static func recorded(_ schema: PostgresSchema, link: PostgresLink) throws -> [Int: (name: String, text: String)]? {
        let exists = try link.query("SELECT to_regclass('public.libraryrfid_migrations') IS NOT NULL")
        guard let row = exists.first, try row.decode(Bool.self) else { return nil }
        var result: [Int: (name: String, text: String)] = [:]
        for row in try link.query(
            "SELECT version, name, statements FROM libraryrfid_migrations WHERE store = \(schema.store)")
        {
            let (version, name, text) = try row.decode((Int, String, String).self)
            result[version] = (name, text)
        }
        return result
    }

    /// True when every migration of `schema` is recorded as shipped; throws when the database is
    /// newer or a recorded migration differs.
    static func isCurrent(
        _ schema: PostgresSchema, applied: [Int: (name: String, text: String)]?, location: String
    ) throws(PostgresStoreError) -> Bool {
        guard let applied else { return false }
        if let newest = applied.keys.max(), newest > schema.migrations.count {
            throw PostgresStoreError(
                .newerSchema, location: location,
                "the \(schema.storeName) was written by a newer version of LibraryRFID (migration \(newest) \"\(applied[newest]!.name)\"; this version knows \(schema.migrations.count)): upgrade this program")
        }
        for migration in schema.migrations {
            guard let recorded = applied[migration.version] else { return false }
            if recorded.text != migration.recordedText {
                throw PostgresStoreError(
                    .migrationChanged, location: location,
                    "migration \(migration.version) \"\(migration.name)\" of the \(schema.storeName) differs from the one this database recorded: a shipped migration was edited; this version cannot vouch for the schema")
            }
        }
        return true
    }
}
