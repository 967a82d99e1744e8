/// What a store remembers of one input file: how far it was counted (a `LedgerEntry`). Written
/// in the same transaction as the counters of each batch, so after any crash the ledger and the
/// counters agree, and the next run resumes exactly after the last committed line.
///
/// A store finds a file's entry by its head: the entry whose recorded head is a prefix of the
/// file's current head. An exact match on the current head wins; otherwise a file recorded
/// while it was smaller than `headLimit` is recognised by hashing the same number of leading
/// bytes, `headHash(of:length:)` for each shorter length the store has recorded.
public enum IngestLedger {
    /// Bytes from the start of a file that identify it.
    public static let headLimit = 64 * 1024
    /// Bytes before the resume point checked to be unchanged.
    public static let tailLimit = 4096

    /// The fingerprint stored as `headHash` for the first `length` bytes of `head`.
    public static func headHash(of head: [UInt8], length: Int) -> String {
        head.withUnsafeBytes { ContentFingerprint.hex(of: UnsafeRawBufferPointer(rebasing: $0[..<min(length, head.count)])) }
    }
}
