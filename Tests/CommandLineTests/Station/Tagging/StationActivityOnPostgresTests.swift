import Foundation
import PostgresTestSupport
import StationActivity
import StationActivityPostgres
import TestSupport
import Testing

/// `rfid-station` with the site's stores in PostgreSQL (`[store] database`, `[site] id`): what it
/// did is counted in the database, under the library and station, and `station.log` is not used.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct StationActivityOnPostgres {
    @Test func theStationCountsInTheNetworksDatabase() throws {
        let db = try PostgresTestServer.freshDatabase()
        let emulator = try EmulatorProcess(
            "feig", state: try StationTaggingCommands.state(StationTaggingCommands.tag(StationTaggingCommands.blankUID)))
        try #require(emulator.ready)
        let log = NSTemporaryDirectory() + "activity-\(UUID().uuidString)/station.sqlite"
        let environment = [
            "LIBRARYRFID_STATION_LOG": log, "LIBRARYRFID_STATION_ID": "desk-7", "LIBRARYRFID_STORE_DATABASE": db.url,
            "LIBRARYRFID_SITE_ID": "north",
        ]
        let reader = ["--reader", "feig:\(emulator.link)"]
        let encoded = try RunTool.run("rfid-station", ["encode", StationTaggingCommands.barcode] + reader, environment: environment)
        #expect(encoded.status == 0 && !encoded.stderr.contains("warning"), "\(encoded.stderr)")
        #expect(try RunTool.run("rfid-station", ["checkout"] + reader, environment: environment).status == 0)
        emulator.stop()
        let store = try PostgresStationActivity(endpoint: db.endpoint(), library: "north")
        defer { store.close() }
        let counts = try store.counts(month: StationTaggingCommands.thisMonth())
        #expect(counts.map { "\($0.station) \($0.action.rawValue) \($0.count)" }.sorted() == ["desk-7 tagged 1", "desk-7 unsecured 1"])
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test func withoutASiteIdTheStationWarnsAndTheTagIsAsReported() throws {
        let db = try PostgresTestServer.freshDatabase()
        let emulator = try EmulatorProcess(
            "feig", state: try StationTaggingCommands.state(StationTaggingCommands.tag(StationTaggingCommands.blankUID)))
        try #require(emulator.ready)
        let environment = ["LIBRARYRFID_STATION_ID": "desk-7", "LIBRARYRFID_STORE_DATABASE": db.url]
        let result = try RunTool.run(
            "rfid-station", ["encode", StationTaggingCommands.barcode, "--reader", "feig:\(emulator.link)"], environment: environment)
        emulator.stop()
        #expect(result.status == 0)
        #expect(result.stderr.contains("activity not recorded") && result.stderr.contains("[site] id"), "\(result.stderr)")
        let password = try #require(URLComponents(string: db.url)?.password)
        #expect(!result.stderr.contains(password), "the database password is printed")
    }
}
