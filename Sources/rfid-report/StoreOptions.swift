import ArgumentParser
import CirculationStore
import CirculationStorePostgres
import CirculationStoreSQLite
import CommandSupport
import Foundation
import RFIDCommon
import SQLiteSupport
import SiteConfiguration
import StoreSelection

/// The options every store command shares: the site file, and where the store is.
struct StoreOptions: ParsableArguments {
    @OptionGroup var site: SiteOptions

    @Option(
        help: ArgumentHelp(
            "The circulation store: a path, sqlite:PATH, or a postgres:// URL (a network's shared database). Default: database under [store] in the site file, else $LIBRARYRFID_DATA_DIR/circulation.sqlite, else ~/.local/share/libraryrfid/circulation.sqlite.",
            valueName: "PATH|URL"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "PostgreSQL: the library whose rows are read or written (default: [site] id).", valueName: "ID"))
    var library: String?

    @Flag(help: "PostgreSQL: report, purge or audit every library of the network's database.")
    var network = false

    /// Today's date for retention, as YYYY-MM-DD (tests pin it).
    @Option(help: .hidden) var today: String?

    func validate() throws {
        if network && library != nil { throw ValidationError("--library and --network exclude each other") }
        if let library, library.isEmpty || library.utf8.count > 32
            || !library.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        {
            throw ValidationError("--library must be a library's code (1 to 32 letters, digits, '-', '_' or '.')")
        }
    }

    /// What a store command works with: the site file read once, where the store is and the
    /// store's settings from `[store]`.
    struct Resolved {
        var config: SiteConfiguration
        var engine: StoreEngine
        /// Which rows of a PostgreSQL database (nil for SQLite).
        var scope: PostgresCirculationStore.Scope?
        var settings: SiteSettings

        /// The file, or the URL without its password.
        var location: String { engine.location }

        /// Opens the circulation store on its engine. Ingest creates it (`createIfMissing`);
        /// the other commands need it to exist.
        func openCirculation(_ mode: SQLiteCirculationStore.OpenMode) throws -> any CirculationStoreMaintaining {
            switch engine {
            case .sqlite(let path):
                return try SQLiteCirculationStore(path: path, mode: mode)
            case .postgres(let endpoint, _):
                guard let scope else { throw CommandLineError(description: "no library chosen") }
                return try PostgresCirculationStore(
                    endpoint: endpoint, scope: scope, mode: mode == .createIfMissing ? .createIfMissing : .mustExist)
            }
        }

        /// Where `ingest -` keeps its private copy of standard input: beside a SQLite store, else
        /// in the data directory (0700).
        func privateDirectory() throws -> String {
            switch engine {
            case .sqlite(let path): return (path as NSString).deletingLastPathComponent
            case .postgres:
                let directory = StoreLocation.defaultDirectory()
                try FilePermissions.ensureParentDirectory(of: directory + "/copy")
                return directory
            }
        }
    }

    func resolve() throws -> Resolved {
        let config = try site.load()
        let selection = StoreSelection(option: database, config: config)
        let engine = try selection.circulation(defaultFileName: SQLiteCirculationStore.defaultFileName)
        var scope: PostgresCirculationStore.Scope?
        if case .postgres = engine {
            if network {
                scope = .network
            } else if let id = library ?? config.site.id {
                scope = .library(id)
            } else {
                throw CommandLineError(
                    description: "a PostgreSQL store holds a network's libraries: set [site] id, or pass --library ID or --network")
            }
        } else if network || library != nil {
            throw ValidationError("--library and --network apply to a PostgreSQL database only")
        }
        return Resolved(config: config, engine: engine, scope: scope, settings: SiteSettings(config.store))
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
