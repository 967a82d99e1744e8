import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file holding a database password (its first line), so the password sits neither in the
/// site file nor in a unit's environment: systemd's `LoadCredential=` hands a service such a file.
/// Like libpq with `.pgpass`, a file other accounts may read is refused: a password every local
/// account can read protects nothing.
public enum PasswordFile {
    public static func read(_ path: String, location: String) throws(PostgresStoreError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            throw PostgresStoreError(.cannotConnect, location: location, "cannot read the password file \(path): \(reason)")
        }
        if info.st_mode & 0o077 != 0 {
            throw PostgresStoreError(
                .cannotConnect, location: location,
                "the password file \(path) is readable by other accounts; restrict it (chmod 600)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PostgresStoreError(.cannotConnect, location: location, "cannot read the password file \(path)")
        }
        let firstLine = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        let password = firstLine.hasSuffix("\r") ? String(firstLine.dropLast()) : String(firstLine)
        guard !password.isEmpty else {
            throw PostgresStoreError(.cannotConnect, location: location, "the password file \(path) is empty")
        }
        return password
    }
}
