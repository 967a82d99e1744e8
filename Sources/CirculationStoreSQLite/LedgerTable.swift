import CirculationStore
import GRDB

/// The ingest ledger as the `ingested_files` table (see `IngestLedger` for what it means).
enum LedgerTable {
    /// The entry whose recorded head is a prefix of this file's head: the exact head first,
    /// then each shorter recorded length, longest first; else the entry of a longer file whose
    /// head starts with this whole (shorter) head, by the longest recorded prefix it holds: an
    /// earlier copy of a file that was counted further.
    /// Entries written since migration v3 first, by the store's keyed fingerprint; then those
    /// written before it, by the unkeyed one they were recorded with (the next commit of such
    /// a file rewrites its entry keyed).
    static func find(head: [UInt8], keyed: (UnsafeRawBufferPointer) -> String, in db: Database) throws -> LedgerEntry? {
        if let entry = try find(head: head, fingerprint: keyed, keyedRows: true, in: db) { return entry }
        guard var legacy = try find(head: head, fingerprint: { ContentFingerprint.hex(of: $0) }, keyedRows: false, in: db)
        else { return nil }
        legacy.legacyFingerprints = true
        return legacy
    }

    private static func find(
        head: [UInt8], fingerprint: (UnsafeRawBufferPointer) -> String, keyedRows: Bool, in db: Database
    ) throws -> LedgerEntry? {
        let keyed = keyedRows ? 1 : 0
        let byHead = """
            SELECT * FROM ingested_files WHERE head_length = ? AND head_hash = ? AND keyed = \(keyed)
            ORDER BY committed_offset DESC
            """
        let fullHash = IngestLedger.headHash(of: head, length: head.count, fingerprint)
        if let row = try Row.fetchOne(db, sql: byHead, arguments: [head.count, fullHash]) {
            return entry(row)
        }
        let shorter = try Int.fetchAll(
            db,
            sql: "SELECT DISTINCT head_length FROM ingested_files WHERE head_length < ? AND keyed = \(keyed) ORDER BY head_length DESC",
            arguments: [head.count])
        for length in shorter where length > 0 {
            let hash = IngestLedger.headHash(of: head, length: length, fingerprint)
            if let row = try Row.fetchOne(db, sql: byHead, arguments: [length, hash]) {
                return entry(row)
            }
        }
        guard head.count < IngestLedger.headLimit,
            let prefixLength = IngestLedger.prefixLengths.last(where: { $0 <= head.count })
        else { return nil }
        // Space-delimited `length:hash` pairs; the pattern holds no LIKE wildcards (hashes are
        // letters, the length digits).
        let pair = IngestLedger.prefix(of: head, length: prefixLength, fingerprint)
        let longer = """
            SELECT * FROM ingested_files WHERE head_length > ? AND keyed = \(keyed) AND (' ' || head_prefixes || ' ') LIKE ?
            ORDER BY committed_offset DESC
            """
        return try Row.fetchOne(db, sql: longer, arguments: [head.count, "% \(pair) %"]).map(entry)
    }

    private static func entry(_ row: Row) -> LedgerEntry {
        LedgerEntry(
            id: row["id"], headLength: row["head_length"], headHash: row["head_hash"],
            committedOffset: row["committed_offset"], committedLine: row["committed_line"], tailHash: row["tail_hash"],
            headPrefixes: row["head_prefixes"])
    }

    /// The committed offset the ledger holds for entry `id` (nil when there is no such entry).
    static func committedOffset(id: Int64, in db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT committed_offset FROM ingested_files WHERE id = ?", arguments: [id])
    }

    /// Inserts or updates the entry; returns its id.
    static func save(_ entry: LedgerEntry, today: String, in db: Database) throws -> Int64 {
        if let id = entry.id {
            try db.execute(
                sql: """
                    UPDATE ingested_files SET head_length = ?, head_hash = ?, committed_offset = ?,
                        committed_line = ?, tail_hash = ?, head_prefixes = ?, keyed = 1, last_ingested_day = ? WHERE id = ?
                    """,
                arguments: [
                    entry.headLength, entry.headHash, entry.committedOffset, entry.committedLine, entry.tailHash,
                    entry.headPrefixes, today, id,
                ])
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO ingested_files (head_length, head_hash, committed_offset, committed_line, tail_hash,
                    head_prefixes, keyed, first_ingested_day, last_ingested_day) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                """,
            arguments: [
                entry.headLength, entry.headHash, entry.committedOffset, entry.committedLine, entry.tailHash,
                entry.headPrefixes, today, today,
            ])
        return db.lastInsertedRowID
    }

    /// The malformed lines recorded for entry `id`.
    static func malformedLines(fileID id: Int64, in db: Database) throws -> [MalformedLine] {
        try Row.fetchAll(
            db, sql: "SELECT byte_offset, byte_length, line, reading FROM ingested_malformed_lines WHERE file_id = ?",
            arguments: [id]
        ).map { MalformedLine(offset: $0[0], length: $0[1], line: $0[2], reading: $0[3]) }
    }

    /// Removes the settled lines of entry `id`; false when one of them was no longer recorded
    /// (another run read it again and committed first), and then the caller rolls back.
    static func settle(_ lines: [MalformedLine], fileID id: Int64, in db: Database) throws -> Bool {
        guard !lines.isEmpty else { return true }
        let delete = try db.cachedStatement(
            sql: "DELETE FROM ingested_malformed_lines WHERE file_id = ? AND byte_offset = ? AND byte_length = ?")
        for line in lines {
            try delete.execute(arguments: [id, line.offset, line.length])
            if db.changesCount != 1 { return false }
        }
        return true
    }

    /// Records lines found malformed for entry `id`.
    static func record(_ lines: [MalformedLine], fileID id: Int64, in db: Database) throws {
        guard !lines.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO ingested_malformed_lines (file_id, byte_offset, byte_length, line, reading) VALUES (?, ?, ?, ?, ?)")
        for line in lines {
            try insert.execute(arguments: [id, line.offset, line.length, line.line, line.reading])
        }
    }
}
