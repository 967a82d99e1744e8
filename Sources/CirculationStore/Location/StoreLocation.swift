import Foundation

/// Where the circulation store lives. Only SQLite is implemented; PostgreSQL URLs are recognised
/// so that a site configured for it gets a precise error instead of a file named "postgres:".
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// The file name of the store inside the data directory.
    public static let defaultFileName = "circulation.sqlite"

    /// Parses `--database`: a plain path, `sqlite:PATH`, `sqlite://PATH`, or `postgres://...`
    /// (`postgresql://...`). `nil` or empty means the default path.
    public static func parse(
        _ text: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> StoreLocation {
        guard let text, !text.isEmpty else {
            return .sqlite(path: defaultPath(environment: environment))
        }
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            return .postgres(url: text)
        }
        if lower.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw StoreError(.unsupportedURL, location: "--database", "sqlite: URL has no path") }
            return .sqlite(path: path)
        }
        if lower.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError(.unsupportedURL, location: "--database", "sqlite: URL has no path") }
            return .sqlite(path: path)
        }
        if let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].hasPrefix("//") {
            let scheme = text[..<colon]
            throw StoreError(
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

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        defaultDirectory(environment: environment) + "/" + defaultFileName
    }

    /// The SQLite path, or the typed error a PostgreSQL URL gets until that store exists.
    public func sqlitePath() throws(StoreError) -> String {
        switch self {
        case .sqlite(let path): return path
        case .postgres:
            // The URL may carry a password: never repeat it.
            throw StoreError(
                .unsupportedURL, location: "--database",
                "PostgreSQL stores are not implemented yet (the store interface is ready for one); use a SQLite path")
        }
    }
}
