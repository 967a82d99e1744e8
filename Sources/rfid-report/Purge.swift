import ArgumentParser
import CirculationStore
import CommandSupport
import CirculationStoreSQLite
import Foundation

struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete what the retention settings say has expired, beyond recovery.",
        discussion: """
            Deletes with SQLite secure delete on, then VACUUMs the file and empties the WAL, so that \
            purged records are in no free page and no journal. On PostgreSQL it deletes (for the \
            site's library, or --network) and rewrites the tables with VACUUM FULL, as the tables' \
            owner; what PostgreSQL cannot promise is in Docs/deployment.md. Run it from a timer, \
            e.g. monthly.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print one JSON document (records deleted and cut-off per table) instead of text.") var json = false

    func run() throws {
        try runReporting("purge") {
            let resolved = try store.resolve()
            let path = resolved.location
            let settings = resolved.settings
            let today = try store.todayDate()
            let circulation = try resolved.openCirculation(.mustExist)
            let summary = try circulation.purge(settings, today: today)
            LogSetup.logger("rfid-report.purge").info(
                "purged", metadata: ["store": "\(path)", "records": "\(summary.deleted.map(\.count).reduce(0, +))"])
            if json {
                let tables = zip(summary.deleted, summary.cutoffs).map { deleted, cutoff -> [String: Any] in
                    ["table": deleted.table, "deleted": deleted.count, "before": cutoff.before]
                }
                try JSONResult.print(["store": path, "tables": tables, "vacuumed": true])
                return
            }
            for ((table, count), (_, before)) in zip(summary.deleted, summary.cutoffs) {
                print("\(table): \(count) records before \(before) deleted")
            }
            switch resolved.engine {
            case .sqlite: print("\(path): vacuumed, WAL emptied")
            case .postgres:
                print("\(path): tables rewritten (VACUUM FULL); WAL, replicas and backups: see Docs/deployment.md")
            }
        }
    }
}
