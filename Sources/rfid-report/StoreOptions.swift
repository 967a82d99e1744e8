import ArgumentParser
import CirculationStore
import CommandSupport
import CirculationStoreSQLite
import Foundation
import RFIDCommon
import SiteConfiguration

/// The options every store command shares: the site file, and where the store is.
struct StoreOptions: ParsableArguments {
    @OptionGroup var site: SiteOptions

    @Option(
        help: ArgumentHelp(
            "The circulation store: a path or sqlite:PATH. Default: database under [store] in the site file, else $LIBRARYRFID_DATA_DIR/circulation.sqlite, else ~/.local/share/libraryrfid/circulation.sqlite.",
            valueName: "PATH|URL"))
    var database: String?

    /// Today's date for retention, as YYYY-MM-DD (tests pin it).
    @Option(help: .hidden) var today: String?

    /// What a store command works with: the site file read once, the store's path and the
    /// store's settings from `[store]`.
    struct Resolved {
        var config: SiteConfiguration
        var databasePath: String
        var settings: SiteSettings
    }

    func resolve() throws -> Resolved {
        let config = try site.load()
        let path = try SQLiteCirculationStore.path(forDatabaseOption: database ?? config.store.database)
        return Resolved(config: config, databasePath: path, settings: SiteSettings(config.store))
    }

    func todayDate() throws -> CivilDate {
        guard let today else { return CivilDate.today() }
        guard let date = CivilDate(today) else { throw ValidationError("--today must be YYYY-MM-DD") }
        return date
    }
}

extension SiteSettings {
    /// The store's settings as the site file's `[store]` section gives them.
    init(_ store: SiteConfiguration.Store) {
        self.init()
        suppressionThreshold = store.suppressionThreshold
        countersRetentionMonths = store.countersRetentionMonths
        itemCountsRetentionMonths = store.itemCountsRetentionMonths
        rawEventsRetentionDays = store.rawEventsRetentionDays
        keepRawEvents = store.keepRawEvents
        badChecksums = store.badChecksums == .skip ? .skip : .count
    }
}

/// Runs a store command's body through the tools' one failure path, naming the command.
func runReporting(_ command: String, _ body: () throws -> Void) throws {
    try runReportingFailures(tool: "rfid-report \(command)", body)
}

func printError(_ text: String) { Failure.printError(text) }
