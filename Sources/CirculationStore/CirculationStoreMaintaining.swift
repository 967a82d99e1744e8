import CirculationLog

/// What ingest, purge and audit need from a store beyond the reports' reading interface. The
/// SQLite and PostgreSQL stores implement it: nothing here exposes SQL or files except
/// `storageFiles`, which the PostgreSQL store leaves empty (its on-disk pages are the database
/// server's to audit).
public protocol CirculationStoreMaintaining: CirculationStoreReading {
    /// The ledger entry of a file whose first bytes are `head` (up to `IngestLedger.headLimit`).
    func ledgerEntry(matchingHead head: [UInt8]) throws(StoreError) -> LedgerEntry?

    /// The malformed lines recorded for the file of `entry` (in no particular order).
    func malformedLines(of entry: LedgerEntry) throws(StoreError) -> [MalformedLine]

    /// Adds a batch's sums (plain values: counters, per-item counts, raw events), moves the
    /// file's ledger entry to `entry` and applies `malformed` to its recorded malformed lines,
    /// atomically. Fails with `.conflict` when the ledger no longer says `previousOffset`
    /// (another ingest of the same file committed meanwhile), when a settled malformed line is
    /// no longer recorded (another run read it again first), or, for a new entry, when an entry
    /// for a file with this `head` has appeared meanwhile (two first ingests of one file), so two
    /// runs can never count the same lines. `today` ("YYYY-MM-DD") dates the ledger entry.
    func commit(
        _ batch: BatchAggregator, entry: LedgerEntry, previousOffset: Int, malformed: MalformedLineChanges,
        head: [UInt8], today: String
    ) throws(StoreError) -> LedgerEntry

    /// The store's fingerprint of some bytes of an input file, as the ledger records it: keyed
    /// with a secret of this store, so that a fingerprint cannot be matched against guessed
    /// log lines (see `IngestLedger`).
    func fingerprint(_ bytes: UnsafeRawBufferPointer) -> String

    /// Deletes what the retention policy says has expired, leaving no trace in free pages or logs.
    func purge(_ settings: SiteSettings, today: CivilDate) throws(StoreError) -> PurgeSummary

    /// Record counts and oldest record per table, with each table's retention limit when the
    /// settings and today's date are given (audit, and the purge summary).
    func inventory(settings: SiteSettings?, today: CivilDate?) throws(StoreError) -> [TableInventory]

    /// Visits every stored text or blob value of every table (the audit's table scan).
    func visitStoredValues(
        _ visit: (_ table: String, _ column: String, _ value: UnsafeRawBufferPointer) -> Void
    ) throws(StoreError)

    /// Files that hold the store's bytes (database, WAL, journal), for the audit's raw scan.
    var storageFiles: [String] { get }
}

/// How far one input file has been counted.
public struct LedgerEntry: Sendable, Equatable {
    public var id: Int64?
    public var headLength: Int
    public var headHash: String
    public var committedOffset: Int
    public var committedLine: Int
    public var tailHash: String
    /// Fingerprints of the head's first `IngestLedger.prefixLengths` bytes (`length:hash`,
    /// space-separated), so a shorter earlier copy of the file is recognised too.
    public var headPrefixes: String
    /// Recorded before fingerprints were keyed (migration v3): its hashes are unkeyed, and
    /// ingest checks the file against them that way once, then records it keyed.
    public var legacyFingerprints = false

    public init(
        id: Int64?, headLength: Int, headHash: String, committedOffset: Int, committedLine: Int, tailHash: String,
        headPrefixes: String = ""
    ) {
        self.id = id
        self.headPrefixes = headPrefixes
        self.headLength = headLength
        self.headHash = headHash
        self.committedOffset = committedOffset
        self.committedLine = committedLine
        self.tailHash = tailHash
    }
}

/// One table's records: how many, and the oldest day or month they hold ("" when empty).
public struct TableInventory: Sendable, Equatable {
    public var table: String
    public var what: String
    public var records: Int
    public var oldest: String
    /// The oldest day or month still allowed under the site's retention settings, when one applies.
    public var retention: String

    public init(table: String, what: String, records: Int, oldest: String, retention: String) {
        self.table = table
        self.what = what
        self.records = records
        self.oldest = oldest
        self.retention = retention
    }
}

public struct PurgeSummary: Sendable, Equatable {
    /// Records deleted per table, in the order the store lists its tables (as `inventory`).
    public var deleted: [(table: String, count: Int)]
    public var cutoffs: [(table: String, before: String)]

    public init(deleted: [(table: String, count: Int)], cutoffs: [(table: String, before: String)]) {
        self.deleted = deleted
        self.cutoffs = cutoffs
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.deleted.map(\.table) == b.deleted.map(\.table) && a.deleted.map(\.count) == b.deleted.map(\.count)
            && a.cutoffs.map(\.table) == b.cutoffs.map(\.table) && a.cutoffs.map(\.before) == b.cutoffs.map(\.before)
    }
}

extension CirculationStoreMaintaining {
    /// A commit that records and settles no malformed lines (fixtures writing sums directly).
    public func commit(
        _ batch: BatchAggregator, entry: LedgerEntry, previousOffset: Int, head: [UInt8], today: String
    ) throws(StoreError) -> LedgerEntry {
        try commit(batch, entry: entry, previousOffset: previousOffset, malformed: MalformedLineChanges(), head: head, today: today)
    }
}
