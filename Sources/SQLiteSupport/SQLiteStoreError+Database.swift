import GRDB

extension SQLiteStoreError {
    /// Maps a failure of GRDB or SQLite while `doing` something ("open", "read", "purge") to a
    /// kind a tool can choose its exit status by. An error that already is a `SQLiteStoreError`
    /// is kept as it is.
    public init(_ error: any Error, path: String, doing: String) {
        if let error = error as? SQLiteStoreError {
            self = error
            return
        }
        guard let dbError = error as? DatabaseError else {
            self.init(.io, location: path, "cannot \(doing) the store: \(error)")
            return
        }
        let message = dbError.message ?? "\(dbError.resultCode)"
        switch dbError.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self.init(
                .corrupt, location: path,
                "cannot \(doing) the store: the file is damaged or not a SQLite database (\(message))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            self.init(.cannotOpen, location: path, "cannot \(doing) the store: \(message)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(
                .io, location: path,
                "cannot \(doing) the store: another process kept it locked for \(SQLiteStore.busyTimeoutSeconds) s")
        default:
            self.init(.io, location: path, "cannot \(doing) the store: \(message)")
        }
    }
}
