import GRDB

/// What a store brings to `SQLiteStore.open`: how its file is recognised, how it is named in
/// messages, and the migrations that build its tables.
///
/// **A migration that has shipped is never edited, renamed, reordered or removed.** A store
/// file records the identifiers of the migrations applied to it, and GRDB runs only those it
/// has not seen: an edited migration would never reach the stores already created, which
/// would then differ silently from new ones. To change a schema, register a new migration
/// after the last one (a new table, `ALTER TABLE`, a copy into a rebuilt table).
public struct SQLiteStoreSchema: Sendable {
    /// How messages name the store: "circulation store" gives "no circulation store here".
    public var storeName: String
    /// `PRAGMA application_id` stamped on a new file and required of an existing one, so that
    /// `--database` pointing at some other SQLite file is refused instead of adding tables to it.
    /// One value per kind of store.
    public var applicationID: Int32
    /// The store's migrations, in order.
    public var migrator: DatabaseMigrator
    /// What to do when a store that must exist is missing, e.g. "run `rfid-report ingest` first,
    /// or pass --database".
    public var missingAdvice: String
    /// SQLite's page cache per connection, in KiB (SQLite's default is 2 MiB). A store that adds
    /// large batches to big tables wants its working set in memory.
    public var pageCacheKiB: Int

    public init(
        storeName: String, applicationID: Int32, migrator: DatabaseMigrator, missingAdvice: String,
        pageCacheKiB: Int = 2048
    ) {
        self.storeName = storeName
        self.applicationID = applicationID
        self.migrator = migrator
        self.missingAdvice = missingAdvice
        self.pageCacheKiB = pageCacheKiB
    }
}
