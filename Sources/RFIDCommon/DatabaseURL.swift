/// What makes a store setting name a PostgreSQL database rather than a SQLite file, in one
/// place: the site file's parser, the SQLite store's location and the tools' `--database`
/// options must all agree, or a URL could be taken for a file name by one and not the other.
public enum DatabaseURL {
    /// `postgres://...` or `postgresql://...`, the scheme in any case (as libpq takes it).
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }
}
