import Foundation
import PostgresNIO

extension PostgresSession {
    /// Waits, up to `patience` seconds, until no transaction that began before this call is
    /// still running anywhere in the cluster and no session of this database holds a snapshot
    /// from before it. Purges call it between committing their deletes and `VACUUM FULL`:
    /// `VACUUM FULL` copies a deleted row into the new file while any snapshot might still see
    /// it, and its own snapshot's horizon is the oldest transaction running in the whole cluster
    /// (another database's long ingest included), as is that of any older snapshot of this
    /// database (a report's query, autovacuum's ANALYZE). Once every such transaction has ended,
    /// no new snapshot can reach back before the deletes.
    ///
    /// Other roles' sessions are visible in `pg_stat_activity` only to a superuser or a member of
    /// `pg_read_all_stats` (Docs/deployment.md); a snapshot that outlasts the wait keeps the rows
    /// it can see in the files until the next purge. Returns whether the wait ended clear.
    @discardableResult
    public func waitForEarlierTransactions(patience: Double = 120) throws -> Bool {
        try withConnection("wait for earlier transactions to end") { link in
            // The first transaction number not yet handed out: everything before it has begun.
            guard let mark = try link.query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").first?.decode(String.self) else {
                return true
            }
            let deadline = Date().addingTimeInterval(patience)
            while true {
                let clear =
                    try link.query(
                        """
                        SELECT pg_snapshot_xmin(pg_current_snapshot()) >= \(mark)::xid8
                            AND NOT EXISTS (
                                SELECT 1 FROM pg_stat_activity
                                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
                                    AND age(backend_xmin) > age(xid(\(mark)::xid8)))
                        """
                    ).first?.decode(Bool.self) ?? true
                if clear { return true }
                if Date() >= deadline { return false }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}
