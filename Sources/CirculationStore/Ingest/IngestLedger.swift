import GRDB

/// What the store remembers of one input file: how far it was counted. Written in the same
/// transaction as the counters of each batch, so after any crash the ledger and the counters
/// agree, and the next run resumes exactly after the last committed line.
public enum IngestLedger {
    /// Bytes from the start of a file that identify it.
    public static let headLimit = 64 * 1024
    /// Bytes before the resume point checked to be unchanged.
    public static let tailLimit = 4096

    /// Finds the entry whose recorded head is a prefix of this file's head. An exact match on
    /// the current head wins; otherwise a file recorded while it was smaller than the head
    /// limit is recognised by re-hashing the same number of leading bytes.
    static func find(head: [UInt8], in db: Database) throws -> LedgerEntry? {
        let fullHash = ContentFingerprint.hex(of: head)
        if let row = try Row.fetchOne(
            db, sql: "SELECT * FROM ingested_files WHERE head_length = ? AND head_hash = ? ORDER BY committed_offset DESC",
            arguments: [head.count, fullHash])
        {
            return entry(row)
        }
        let shorter = try Int.fetchAll(
            db, sql: "SELECT DISTINCT head_length FROM ingested_files WHERE head_length < ? ORDER BY head_length DESC",
            arguments: [head.count])
        for length in shorter where length > 0 {
            let hash = head.withUnsafeBytes { ContentFingerprint.hex(of: UnsafeRawBufferPointer(rebasing: $0[..<length])) }
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT * FROM ingested_files WHERE head_length = ? AND head_hash = ? ORDER BY committed_offset DESC",
                arguments: [length, hash])
            {
                return entry(row)
            }
        }
        return nil
    }

    private static func entry(_ row: Row) -> LedgerEntry {
        LedgerEntry(
            id: row["id"], headLength: row["head_length"], headHash: row["head_hash"],
            committedOffset: row["committed_offset"], committedLine: row["committed_line"], tailHash: row["tail_hash"])
    }

    /// Inserts or updates the entry; returns its id.
    static func save(_ entry: LedgerEntry, today: String, in db: Database) throws -> Int64 {
        if let id = entry.id {
            try db.execute(
                sql: """
                    UPDATE ingested_files SET head_length = ?, head_hash = ?, committed_offset = ?,
                        committed_line = ?, tail_hash = ?, last_ingested_day = ? WHERE id = ?
                    """,
                arguments: [
                    entry.headLength, entry.headHash, entry.committedOffset, entry.committedLine, entry.tailHash, today, id,
                ])
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO ingested_files (head_length, head_hash, committed_offset, committed_line, tail_hash,
                    first_ingested_day, last_ingested_day) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.headLength, entry.headHash, entry.committedOffset, entry.committedLine, entry.tailHash, today, today,
            ])
        return db.lastInsertedRowID
    }
}
