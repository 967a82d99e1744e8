import Dispatch

/// Runs one batch commit at a time on a thread of its own, so that reading and parsing the next
/// batch goes on while SQLite writes the last one: the two take about the same time, and the
/// machine has more than one core. There is never more than one commit in flight, and a new one
/// starts only after the previous one has finished (it needs the ledger entry that one saved),
/// so batches reach the store in file order and every crash-safety argument of a synchronous
/// commit still holds: each commit is one transaction holding a batch and its file offset.
final class CommitPipeline: @unchecked Sendable {
    private let queue = DispatchQueue(label: "librfid.ingest.commit")
    private let group = DispatchGroup()
    /// Written by the commit thread before it leaves the group, read only after `wait()`:
    /// the group's enter/leave/wait orders the two accesses.
    private var outcome: Result<LedgerEntry, StoreError>?
    private var inFlight = false

    /// Starts `work`. The caller must have collected the previous outcome with `wait()`.
    func start(_ work: @escaping @Sendable () throws(StoreError) -> LedgerEntry) {
        precondition(!inFlight, "a commit is already in flight")
        inFlight = true
        group.enter()
        queue.async { [self] in
            do throws(StoreError) {
                outcome = .success(try work())
            } catch {
                outcome = .failure(error)
            }
            group.leave()
        }
    }

    /// Waits for the commit in flight, if any, and returns what it did.
    func wait() -> Result<LedgerEntry, StoreError>? {
        guard inFlight else { return nil }
        group.wait()
        inFlight = false
        defer { outcome = nil }
        return outcome
    }
}
