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

    /// Prefix lengths whose fingerprints an entry also records: a copy of a file taken while
    /// it was shorter (an earlier rotation, a partial export) has a shorter head than the entry
    /// of the grown file, and is recognised by the longest of these that it holds.
    public static let prefixLengths = [256, 1024, 4096, 16384]

    /// The fingerprint stored as `headHash` for the first `length` bytes of `head`.
    public static func headHash(
        of head: [UInt8], length: Int, _ fingerprint: (UnsafeRawBufferPointer) -> String
    ) -> String {
        head.withUnsafeBytes { fingerprint(UnsafeRawBufferPointer(rebasing: $0[..<min(length, head.count)])) }
    }

    /// `length:hash` for every prefix length up to `headLength` (the `headPrefixes` column).
    public static func prefixes(
        of head: [UInt8], headLength: Int, _ fingerprint: (UnsafeRawBufferPointer) -> String
    ) -> String {
        prefixLengths.filter { $0 <= min(headLength, head.count) }
            .map { prefix(of: head, length: $0, fingerprint) }.joined(separator: " ")
    }

    /// One `length:hash` pair, as `headPrefixes` holds it and a look-up searches for it.
    public static func prefix(of head: [UInt8], length: Int, _ fingerprint: (UnsafeRawBufferPointer) -> String) -> String {
        "\(length):" + headHash(of: head, length: length, fingerprint)
    }
}
