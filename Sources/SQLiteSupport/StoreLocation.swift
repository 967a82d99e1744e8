import Foundation
import RFIDCommon

/// Where a store lives, as `--database` gives it. PostgreSQL URLs are recognised so that they
/// are never taken for a file named "postgres:"; `StoreSelection` opens them. Every SQLite store
/// (circulation, gate events, station activity) keeps its file in the same data directory, under
/// its own name.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses `--database`: a plain path, `sqlite:PATH`, `sqlite://PATH`, or `postgres://...`
    /// (`postgresql://...`). `nil` or empty means `defaultFileName` in the data directory.
    public static func parse(
        _ text: String?, defaultFileName: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SQLiteStoreError) -> StoreLocation {
        guard let text, !text.isEmpty else {
            return .sqlite(path: defaultDirectory(environment: environment) + "/" + defaultFileName)
        }
        if DatabaseURL.isPostgres(text) {
            return .postgres(url: text)
        }
        let lower = text.lowercased()
        for prefix in ["sqlite://", "sqlite:"] where lower.hasPrefix(prefix) {
            let path = String(text.dropFirst(prefix.count))
            guard !path.isEmpty else {
                throw SQLiteStoreError(.unsupportedURL, location: "--database", "sqlite: URL has no path")
            }
            return .sqlite(path: path)
        }
        if let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].hasPrefix("//") {
            let scheme = text[..<colon]
            throw SQLiteStoreError(
                .unsupportedURL, location: "--database",
                "unsupported store scheme \"\(scheme)\": use a file path, sqlite:PATH or postgres://")
        }
        return .sqlite(path: text)
    }

    /// `$LIBRARYRFID_DATA_DIR`, else `$XDG_DATA_HOME/libraryrfid`, else `~/.local/share/libraryrfid`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["LIBRARYRFID_DATA_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/libraryrfid" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/libraryrfid"
    }

    /// The SQLite path, or the typed error a PostgreSQL URL gets from code that opens SQLite only.
    public func sqlitePath() throws(SQLiteStoreError) -> String {
        switch self {
        case .sqlite(let path): return path
        case .postgres:
            // The URL may carry a password: never repeat it.
            throw SQLiteStoreError(
                .unsupportedURL, location: "--database",
                "a PostgreSQL URL where only a SQLite store can be opened; use a SQLite path")
        }
    }
}
