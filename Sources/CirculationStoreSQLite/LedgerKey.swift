import CirculationStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The store's secret for the ledger's fingerprints: 32 random bytes in a file beside the
/// database (`circulation.sqlite-ledger-key`), mode 0600, created with the store. Not a table:
/// anyone who can read the database file (a backup, a copy made for a records request) could
/// then read the secret with it and test guesses against the fingerprints again. A copy of the
/// database alone is useless for that; with the key file, it is as readable as before.
enum LedgerKey {
    static let suffix = "-ledger-key"
    static let length = 32

    static func path(databasePath: String) -> String { databasePath + suffix }

    /// The secret, created when missing and `create` is set (ingest, which writes the ledger);
    /// nil when missing otherwise (reports, purge and audit never fingerprint a file).
    static func load(databasePath: String, create: Bool) throws(StoreError) -> [UInt8]? {
        let file = path(databasePath: databasePath)
        if let key = try read(file) { return key }
        guard create else { return nil }
        var key = [UInt8](repeating: 0, count: length)
        var generator = SystemRandomNumberGenerator()  // getrandom(2): the kernel's CSPRNG
        for index in key.indices { key[index] = UInt8.random(in: 0...255, using: &generator) }
        // Written beside, then linked into place: a second process creating the store at the
        // same moment finds either no file or the whole key, never a part of one, and the
        // first link wins.
        let temporary = file + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(file, "cannot create: \(String(cString: strerror(errno)))") }
        let written = key.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        defer { unlink(temporary) }
        guard written == length, synced == 0 else { throw failure(file, "cannot write the new key") }
        if link(temporary, file) != 0 && errno != EEXIST {
            throw failure(file, "cannot create: \(String(cString: strerror(errno)))")
        }
        guard let stored = try read(file) else { throw failure(file, "the key file vanished while it was created") }
        return stored
    }

    private static func read(_ file: String) throws(StoreError) -> [UInt8]? {
        var info = stat()
        guard stat(file, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw failure(file, "cannot read: \(String(cString: strerror(errno)))")
        }
        if info.st_mode & 0o077 != 0 { chmod(file, 0o600) }
        guard let data = FileManager.default.contents(atPath: file) else { throw failure(file, "cannot read the key file") }
        guard data.count == length else {
            throw StoreError(.corrupt, location: file, "the ledger key must be \(length) bytes; it is damaged")
        }
        return Array(data)
    }

    private static func failure(_ file: String, _ detail: String) -> StoreError {
        StoreError(.io, location: file, detail)
    }
}
