import GRDB
import GRDBSQLite

/// One prepared statement driven through SQLite's C binding calls, for a store's bulk writes.
/// A circulation batch commit runs hundreds of thousands of upserts; going through
/// `StatementArguments` boxed every value as a `DatabaseValue` and cost more than SQLite's own
/// B-tree work, so the hot path binds directly. Values are copied by SQLite at bind time
/// (`SQLITE_TRANSIENT`), so no pointer outlives a call. The binding calls are `@inlinable` so
/// that a store in another module binds as cheaply as it did when this type lived beside it.
public struct PreparedUpsert {
    @usableFromInline let handle: OpaquePointer
    @usableFromInline let connection: OpaquePointer?

    /// Prepares `sql` on `db` (through GRDB's statement cache); valid while `db` is.
    public init(_ db: Database, sql: String) throws {
        let statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// SQLite's "copy the bytes now" destructor, which the C macro spells as -1. Computed, not
    /// a stored `static let`: from another module a stored global is reached through an
    /// accessor call with a once-check on every bind.
    @inlinable static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    @inlinable @inline(__always)
    public func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bind(index, utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Binds UTF-8 bytes as text.
    @inlinable @inline(__always)
    public func bind(_ index: Int32, utf8: UnsafeRawBufferPointer) {
        guard let base = utf8.baseAddress, utf8.count > 0 else {
            // A null pointer would bind NULL, which NOT NULL columns refuse: "" is a value.
            _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            return
        }
        _ = sqlite3_bind_text(
            handle, index, base.assumingMemoryBound(to: CChar.self), Int32(utf8.count), Self.transient)
    }

    @inlinable @inline(__always)
    public func bind(_ index: Int32, _ value: Int) {
        _ = sqlite3_bind_int64(handle, index, sqlite3_int64(value))
    }

    /// Runs the statement with the values bound since the last run, and makes it ready for the next.
    public func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }
}
