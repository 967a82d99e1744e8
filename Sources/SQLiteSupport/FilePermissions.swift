import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps a store readable by the service account only (privacy requirement P8): the
/// directory is created 0700, the database and its -wal/-shm/-journal companions 0600.
public enum FilePermissions {
    /// The database itself ("") and the files SQLite keeps beside it.
    public static let companionSuffixes = ["", "-wal", "-shm", "-journal"]

    /// Runs `body` with a umask that lets nothing be created readable by group or others, so a
    /// file SQLite creates is never briefly world-readable.
    public static func withPrivateUmask<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let old = umask(0o077)
        defer { umask(old) }
        return try body()
    }

    /// Creates the parent directory (0700) when missing.
    public static func ensureParentDirectory(of path: String) throws(SQLiteStoreError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                throw SQLiteStoreError(.cannotOpen, location: parent, "is not a directory")
            }
            return
        }
        do {
            try withPrivateUmask { () throws(any Error) in
                try FileManager.default.createDirectory(
                    atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw SQLiteStoreError(.cannotOpen, location: parent, "cannot create the store directory")
        }
    }

    /// Sets 0600 on the database and every companion file that exists. A store calls it again
    /// after anything that makes SQLite create a companion anew (VACUUM, a truncating checkpoint).
    public static func restrict(databasePath path: String) throws(SQLiteStoreError) {
        for suffix in companionSuffixes {
            let file = path + suffix
            if chmod(file, 0o600) != 0 && errno != ENOENT {
                let reason = String(cString: strerror(errno))
                throw SQLiteStoreError(.io, location: file, "cannot restrict permissions to 0600: \(reason)")
            }
        }
    }
}
