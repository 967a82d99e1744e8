import CirculationStore
import PostgresNIO
import PostgresSupport

/// The ingest ledger as the `ingested_files` and `ingested_malformed_lines` tables of one
/// library (see `IngestLedger` for what it means; the look-up order is the SQLite store's).
struct PostgresLedger {
    let link: PostgresLink
    let library: String

    static let columns = "id, head_length, head_hash, committed_offset, committed_line, tail_hash, head_prefixes"

    /// The entry whose recorded head is a prefix of this file's head: the exact head first, then
    /// each shorter recorded length, longest first; else the entry of a longer file whose head
    /// starts with this whole (shorter) head, by the longest recorded prefix it holds.
    func find(head: [UInt8], keyed fingerprint: (UnsafeRawBufferPointer) -> String) throws -> LedgerEntry? {
        if let entry = try byHead(length: head.count, hash: IngestLedger.headHash(of: head, length: head.count, fingerprint)) {
            return entry
        }
        let shorter = try link.query(
            """
            SELECT DISTINCT head_length FROM ingested_files
            WHERE library = \(library) AND head_length < \(head.count) ORDER BY head_length DESC
            """
        ).map { try $0.decode(Int.self) }
        for length in shorter where length > 0 {
            if let entry = try byHead(length: length, hash: IngestLedger.headHash(of: head, length: length, fingerprint)) {
                return entry
            }
        }
        guard head.count < IngestLedger.headLimit,
            let prefixLength = IngestLedger.prefixLengths.last(where: { $0 <= head.count })
        else { return nil }
        // Space-delimited `length:hash` pairs; the pattern holds no LIKE wildcards (hashes are
        // letters, the length digits).
        let pattern = "% \(IngestLedger.prefix(of: head, length: prefixLength, fingerprint)) %"
        return try link.query(
            """
            SELECT \(unescaped: Self.columns) FROM ingested_files
            WHERE library = \(library) AND head_length > \(head.count) AND (' ' || head_prefixes || ' ') LIKE \(pattern)
            ORDER BY committed_offset DESC LIMIT 1
            """
        ).first.map(Self.entry)
    }

    private func byHead(length: Int, hash: String) throws -> LedgerEntry? {
        try link.query(
            """
            SELECT \(unescaped: Self.columns) FROM ingested_files
            WHERE library = \(library) AND head_length = \(length) AND head_hash = \(hash)
            ORDER BY committed_offset DESC LIMIT 1
            """
        ).first.map(Self.entry)
    }

    private static func entry(_ row: PostgresRow) throws -> LedgerEntry {
        let (id, headLength, headHash, offset, line, tail, prefixes) = try row.decode(
            (Int64, Int, String, Int, Int, String, String).self)
        return LedgerEntry(
            id: id, headLength: headLength, headHash: headHash, committedOffset: offset, committedLine: line, tailHash: tail,
            headPrefixes: prefixes)
    }

    /// Locks entry `id` until the transaction ends and returns its committed offset (nil when
    /// there is no such entry): a concurrent commit of the same file waits here, then reads the
    /// offset the first one left.
    func lockCommittedOffset(id: Int64) throws -> Int? {
        try link.query(
            "SELECT committed_offset FROM ingested_files WHERE id = \(id) AND library = \(library) FOR UPDATE"
        ).first.map { try $0.decode(Int.self) }
    }

    /// Inserts or updates the entry; returns its id.
    func save(_ entry: LedgerEntry, today: String) throws -> Int64 {
        if let id = entry.id {
            try link.execute(
                """
                UPDATE ingested_files SET head_length = \(entry.headLength), head_hash = \(entry.headHash),
                    committed_offset = \(entry.committedOffset), committed_line = \(entry.committedLine),
                    tail_hash = \(entry.tailHash), head_prefixes = \(entry.headPrefixes), last_ingested_day = \(today)
                WHERE id = \(id)
                """)
            return id
        }
        let row = try link.query(
            """
            INSERT INTO ingested_files (library, head_length, head_hash, committed_offset, committed_line, tail_hash,
                head_prefixes, first_ingested_day, last_ingested_day)
            VALUES (\(library), \(entry.headLength), \(entry.headHash), \(entry.committedOffset), \(entry.committedLine),
                \(entry.tailHash), \(entry.headPrefixes), \(today), \(today))
            RETURNING id
            """
        ).first
        guard let row else { throw PostgresStoreError(.io, location: "ingested_files", "the new ledger entry got no id") }
        return try row.decode(Int64.self)
    }

    func malformedLines(fileID id: Int64) throws -> [MalformedLine] {
        try link.query(
            "SELECT byte_offset, byte_length, line, reading FROM ingested_malformed_lines WHERE file_id = \(id)"
        ).map { row in
            let (offset, length, line, reading) = try row.decode((Int, Int, Int, String).self)
            return MalformedLine(offset: offset, length: length, line: line, reading: reading)
        }
    }

    /// Removes the settled lines of entry `id`; false when one of them was no longer recorded
    /// (another run read it again and committed first), and then the caller rolls back.
    func settle(_ lines: [MalformedLine], fileID id: Int64) throws -> Bool {
        guard !lines.isEmpty else { return true }
        let deleted = try link.execute(
            """
            DELETE FROM ingested_malformed_lines m
            USING unnest(\(lines.map(\.offset))::bigint[], \(lines.map(\.length))::bigint[]) AS s(o, l)
            WHERE m.file_id = \(id) AND m.byte_offset = s.o AND m.byte_length = s.l
            """)
        return deleted == lines.count
    }

    /// Records lines found malformed for entry `id`.
    func record(_ lines: [MalformedLine], fileID id: Int64) throws {
        guard !lines.isEmpty else { return }
        try link.execute(
            """
            INSERT INTO ingested_malformed_lines (library, file_id, byte_offset, byte_length, line, reading)
            SELECT \(library), \(id), o, l, n, r
            FROM unnest(\(lines.map(\.offset))::bigint[], \(lines.map(\.length))::bigint[], \(lines.map(\.line))::bigint[],
                \(lines.map(\.reading))::text[]) AS s(o, l, n, r)
            """)
    }
}
