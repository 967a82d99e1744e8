import ArgumentParser
import RFIDCommon
import SiteConfiguration

/// `--database URL` for the station and the gate daemon: the network's PostgreSQL database in
/// place of `[store] database`, for a run that should not need the site file changed (a test
/// bench, a migration). A SQLite store of these tools is its own file (`[station] log`,
/// `[gate_store] path`), so only a postgres:// URL is accepted here; a path would otherwise be
/// ignored without a word.
public struct NetworkDatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The network's PostgreSQL database (postgres://...), instead of [store] database.",
            discussion: "The password comes from password_file= in the URL, $LIBRARYRFID_DATABASE_PASSWORD_FILE or $PGPASSWORD.",
            valueName: "url"))
    public var url: String?

    public init() {}

    public func validate() throws {
        guard let url else { return }
        guard DatabaseURL.isPostgres(url) else {
            throw ValidationError(
                "--database takes a postgres:// URL; this tool's SQLite store is set in the site file ([station] log, [gate_store] path)")
        }
    }

    /// The site configuration with the option's database in `[store] database`, where every
    /// store of the tool looks for it (`StoreSelection`).
    public func apply(to config: SiteConfiguration) -> SiteConfiguration {
        guard let url else { return config }
        var config = config
        config.store.database = url
        return config
    }
}
