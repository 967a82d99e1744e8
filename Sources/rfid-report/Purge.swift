import ArgumentParser
import CirculationStore
import CommandSupport
import CirculationStoreSQLite

struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete what the retention settings say has expired, beyond recovery.",
        discussion: """
            Deletes with SQLite secure delete on, then VACUUMs the file and empties the WAL, so that \
            purged records are in no free page and no journal. Run it from cron, e.g. monthly.
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReporting("purge") {
            let resolved = try store.resolve()
            let path = resolved.databasePath
            let settings = resolved.settings
            let today = try store.todayDate()
            let sqlite = try SQLiteCirculationStore(path: path, mode: .mustExist)
            let summary = try sqlite.purge(settings, today: today)
            LogSetup.logger("rfid-report.purge").info(
                "purged", metadata: ["store": "\(path)", "records": "\(summary.deleted.map(\.count).reduce(0, +))"])
            for ((table, count), (_, before)) in zip(summary.deleted, summary.cutoffs) {
                print("\(table): \(count) records before \(before) deleted")
            }
            print("\(path): vacuumed, WAL emptied")
        }
    }
}
