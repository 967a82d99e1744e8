import Foundation
import PostgresSupport
import SiteConfiguration
import StoreSelection
import Testing

/// One decision for every tool: `--database`, else `[store] database`; a postgres:// database
/// holds every store of the site.
struct StoreSelectionTests {
    func site(_ text: String) throws -> SiteConfiguration { try SiteConfiguration.parse(text, file: "site.toml", environment: [:]) }

    @Test func aSQLiteSiteKeepsOneFilePerStore() throws {
        let config = try site(
            """
            [station]
            log = "/data/station.sqlite"
            [gate_store]
            path = "/data/gates.sqlite"
            [store]
            database = "/data/circulation.sqlite"
            """)
        let selection = StoreSelection(option: nil, config: config, environment: [:])
        #expect(!selection.isPostgres)
        #expect(try selection.circulation(defaultFileName: "circulation.sqlite") == .sqlite(path: "/data/circulation.sqlite"))
        #expect(try selection.gateEvents() == .sqlite(path: "/data/gates.sqlite"))
        #expect(try selection.stationActivity() == .sqlite(path: "/data/station.sqlite"))
        let option = StoreSelection(option: "sqlite:/elsewhere.sqlite", config: config, environment: [:])
        #expect(try option.circulation(defaultFileName: "circulation.sqlite") == .sqlite(path: "/elsewhere.sqlite"))
    }

    @Test func withoutADatabaseTheCirculationStoreIsInTheDataDirectory() throws {
        let selection = StoreSelection(option: nil, config: try site(""), environment: ["LIBRARYRFID_DATA_DIR": "/state"])
        #expect(try selection.circulation(defaultFileName: "circulation.sqlite") == .sqlite(path: "/state/circulation.sqlite"))
    }

    @Test func aPostgresDatabaseHoldsEveryStoreOfTheSiteForItsLibrary() throws {
        let config = try site(
            """
            [site]
            id = "worcester-main"
            [store]
            database = "postgres://db.network.example/libraryrfid?sslmode=verify-full"
            """)
        let selection = StoreSelection(option: nil, config: config, environment: ["PGUSER": "gate"])
        #expect(selection.isPostgres)
        let engine = try selection.gateEvents()
        guard case .postgres(let endpoint, let library) = engine else {
            Issue.record("expected PostgreSQL, got \(engine)")
            return
        }
        #expect(endpoint.user == "gate")
        #expect(library == "worcester-main")
        #expect(try engine.writingLibrary() == "worcester-main")
        #expect(try selection.stationActivity() == engine)
        #expect(try selection.circulation(defaultFileName: "circulation.sqlite") == engine)
    }

    @Test func theOptionWinsOverTheSiteFileAndAWriterNeedsASiteID() throws {
        let config = try site("[store]\ndatabase = \"/data/circulation.sqlite\"\n")
        let selection = StoreSelection(option: "postgres://u:pw@h/d", config: config, environment: [:])
        let engine = try selection.circulation(defaultFileName: "circulation.sqlite")
        #expect(engine.location == "postgres://u@h:5432/d")
        let error = #expect(throws: PostgresStoreError.self) { try engine.writingLibrary() }
        #expect(error?.description.contains("[site] id must be set") == true)
    }

    @Test func aBadURLIsAUsageErrorWithoutThePassword() throws {
        let selection = StoreSelection(option: "postgres://u:TopSecret9@h/d?sslmode=nope", config: try site(""), environment: [:])
        let error = #expect(throws: PostgresStoreError.self) { try selection.circulation(defaultFileName: "c.sqlite") }
        #expect(error?.exitStatus == .usage)
        #expect(error?.description.contains("TopSecret9") == false)
    }
}
