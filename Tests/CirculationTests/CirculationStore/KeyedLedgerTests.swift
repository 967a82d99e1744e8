import CirculationStore
import CirculationStoreSQLite
import Foundation
import GRDB
import Testing

@Suite("Keyed ledger: nothing derivable from the stored fingerprints")
struct KeyedLedgerTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static let vectors: [([UInt8], [UInt8], String)] = [
        // RFC 4231 test cases 1, 2 and 6 (a key longer than a block).
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        // 76.8 kB, many blocks (Python's hmac module gives the same).
        ([UInt8](repeating: UInt8(ascii: "k"), count: 32), Array((0..<300).flatMap { _ in (0...255).map { UInt8($0) } }),
         "e8adfac4bccffec519760041b758c557149908d6cc9aadc41edbe7d3a01ec2ec"),
    ]

    @Test("HMAC-SHA-256 gives the RFC 4231 results", arguments: 0..<vectors.count)
    func rfc4231(index: Int) {
        let (key, message, expected) = Self.vectors[index]
        #expect(Self.hex(message.withUnsafeBytes { HMACSHA256.authenticationCode(key: key, message: $0) }) == expected)
    }

    func ledgerHashes(_ db: String) throws -> [String] {
        try DatabaseQueue(path: db).read { db in
            try Row.fetchAll(db, sql: "SELECT head_hash, tail_hash FROM ingested_files").flatMap { [$0[0], $0[1]] as [String] }
        }
    }

    @Test("a new store gets a 32-byte secret in a 0600 file beside it, and two stores fingerprint one file differently")
    func perStoreSecret() throws {
        let dir = TemporaryDirectory()
        let log = dir.write("sc.log", "121YUY20260301    100000AO21234567890124|AB33191000105864|\n")
        var hashes: [[String]] = []
        for name in ["a.sqlite", "b.sqlite"] {
            let db = dir.file(name)
            let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
            _ = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: log)
            let key = try FileManager.default.attributesOfItem(atPath: db + "-ledger-key")
            #expect((key[.posixPermissions] as? Int) == 0o600)
            #expect((key[.size] as? Int) == 32)
            hashes.append(try ledgerHashes(db))
        }
        #expect(hashes[0] != hashes[1])
        // Nor is any of them the unkeyed fingerprint a guesser could compute from candidate lines.
        let bytes = try #require(FileManager.default.contents(atPath: log))
        let unkeyed = Array(bytes).withUnsafeBytes { ContentFingerprint.hex(of: $0) }
        #expect(!hashes.joined().contains(unkeyed))
    }

    @Test("an entry recorded unkeyed before migration v3 is still recognised, and rewritten keyed")
    func legacyEntryUpgrades() throws {
        let dir = TemporaryDirectory()
        let line = "121YUY20260301    100000AOMAIN|AB33191000105864|\n"
        let log = dir.write("sc.log", line)
        let db = dir.file("c.sqlite")
        _ = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        let bytes = Array(line.utf8)
        let legacy = bytes.withUnsafeBytes { ContentFingerprint.hex(of: $0) }
        try DatabaseQueue(path: db).write { db in
            try db.execute(
                sql: """
                    INSERT INTO ingested_files (head_length, head_hash, committed_offset, committed_line, tail_hash,
                        first_ingested_day, last_ingested_day) VALUES (?, ?, ?, 1, ?, '2026-03-02', '2026-03-02')
                    """, arguments: [bytes.count, legacy, bytes.count, legacy])
        }
        _ = dir.write("sc.log", line + line)
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        let summary = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: log)
        #expect(summary.resumedAfterLine == 1)
        #expect(summary.transactions == 1)
        let keyed = try DatabaseQueue(path: db).read { try Int.fetchAll($0, sql: "SELECT keyed FROM ingested_files") }
        #expect(keyed == [1])
        #expect(!(try ledgerHashes(db)).contains(legacy))
    }
}
