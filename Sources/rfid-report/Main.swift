import ArgumentParser
import CommandSupport

@main
struct Main: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-report",
        abstract: "Circulation statistics with no patron identity: ingest logs, monthly reports, the state survey's annual table, purge, audit.",
        discussion: """
            The store holds counters only (see Docs/store.md); reports are described in \
            Docs/reports.md. Settings come from the site file (/etc/libraryrfid/site.toml, \
            --config or LIBRARYRFID_CONFIG; see Docs/site.toml.example). Exit statuses: 0 ok, 64 usage, 65 malformed input (ingest still \
            counted every good line), 74 I/O, 77 audit finding.
            """,
        subcommands: [Ingest.self, MonthlyCommand.self, AnnualCommand.self, Purge.self, Audit.self, DatabaseCommand.self, ConfigCommand.self])
}
