import ArgumentParser
import CirculationStore
import CirculationStoreSQLite
import Foundation
import RFIDCommon

/// The options every store command shares.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The circulation store: a path, sqlite:PATH (default $LIBRARYRFID_DATA_DIR/circulation.sqlite, else ~/.local/share/libraryrfid/circulation.sqlite).",
            valueName: "PATH|URL"))
    var database: String?

    @Option(help: "Site settings (JSON). Default: site-settings.json beside the store, if present.")
    var config: String?

    /// Today's date for retention, as YYYY-MM-DD (tests pin it).
    @Option(help: .hidden) var today: String?

    func databasePath() throws(StoreError) -> String {
        try SQLiteCirculationStore.path(forDatabaseOption: database)
    }

    func settings(databasePath: String) throws(SettingsError) -> SiteSettings {
        try SiteSettings.resolve(configPath: config, databasePath: databasePath)
    }

    func todayDate() throws -> CivilDate {
        guard let today else { return CivilDate.today() }
        guard let date = CivilDate(today) else { throw ValidationError("--today must be YYYY-MM-DD") }
        return date
    }
}

/// Prints a user-facing error and ends with its exit status.
func fail(_ error: any UserFacingError, _ command: String) -> ExitCode {
    printError("rfid-report \(command): \(error.description)")
    return ExitCode(error.exitStatus.rawValue)
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs `body`, turning the package's typed errors into a message and an exit status.
func runReporting(_ command: String, _ body: () throws -> Void) throws {
    do { try body() } catch let error as any UserFacingError {
        throw fail(error, command)
    }
}
