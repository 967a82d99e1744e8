import CirculationFixtures
import CirculationLog
import CirculationReports
import CirculationStore
import CirculationStorePostgres
import Foundation
import PostgresTestSupport
import Testing

/// One PostgreSQL database for a network: each library's rows are its own, and the network's
/// reports sum them in the database.
@Suite(.enabled(if: PostgresTestServer.enabled))
struct NetworkScopeTests {
    @Test("two libraries' counts stay apart; the network's report sums them with each branch named by its library")
    func librariesAndNetwork() throws {
        let dir = TemporaryDirectory("pg-network")
        let db = try TestStore(.postgres, in: dir)
        let endpoint = try db.database!.endpoint()
        var northConfig = StoreFixtures.smallLog(seed: 3, transactions: 1_200)
        northConfig.month = 3
        var southConfig = StoreFixtures.smallLog(seed: 4, transactions: 900)
        southConfig.month = 3
        let northExpected = try SyntheticSIP2Log(northConfig).write(toPath: dir.file("north.log"))
        let southExpected = try SyntheticSIP2Log(southConfig).write(toPath: dir.file("south.log"))

        let north = try PostgresCirculationStore(endpoint: endpoint, scope: .library("north"), mode: .createIfMissing)
        let south = try PostgresCirculationStore(endpoint: endpoint, scope: .library("south"), mode: .createIfMissing)
        _ = try Ingestor(store: north, options: StoreFixtures.options()) { _ in }.ingest(path: dir.file("north.log"))
        _ = try Ingestor(store: south, options: StoreFixtures.options()) { _ in }.ingest(path: dir.file("south.log"))
        // The same file at another library is that library's to count: ledgers are per library.
        let southAgain = try Ingestor(store: south, options: StoreFixtures.options()) { _ in }.ingest(path: dir.file("north.log"))
        #expect(southAgain.transactions == northExpected.counters(countingBadChecksums: true).values.reduce(0, +))

        #expect(try StoreFixtures.counters(north, month: "2026-03") == northExpected.counters(countingBadChecksums: true))
        var southTotal = southExpected.counters(countingBadChecksums: true)
        southTotal.merge(northExpected.counters(countingBadChecksums: true), uniquingKeysWith: +)
        #expect(try StoreFixtures.counters(south, month: "2026-03") == southTotal)

        let network = try PostgresCirculationStore(endpoint: endpoint, scope: .network, mode: .mustExist)
        let rows = try network.counters(month: "2026-03")
        let total = rows.map(\.count).reduce(0, +)
        #expect(total == southTotal.values.reduce(0, +) + northExpected.counters(countingBadChecksums: true).values.reduce(0, +))
        #expect(Set(rows.map { $0.branch.split(separator: "/").first.map(String.init) ?? "" }) == ["north", "south"])
        // Summed in the database: one row per combination, never one per library and hour twice.
        #expect(Set(rows.map { [$0.day, "\($0.hour)", $0.action.rawValue, $0.branch, $0.location, $0.mediaType, $0.collection, $0.source.rawValue] }).count == rows.count)

        // The report for the network is suppressed like any other.
        let report = try MonthlyReportBuilder(threshold: 5).build(month: try ReportMonth("2026-03"), from: network)
        let single = try MonthlyReportBuilder(threshold: 5).build(month: try ReportMonth("2026-03"), from: north)
        #expect(report.threshold == 5 && single.threshold == 5)
        #expect(report.tables.count == single.tables.count)

        // A network-wide store writes nothing: ingest needs one library.
        let refused = #expect(throws: StoreError.self) { _ = try network.ledgerEntry(matchingHead: [1, 2, 3]) }
        #expect(refused?.description.contains("[site] id") == true)
    }

    @Test("verify-full against the harness CA opens the store; another CA is refused before anything is read")
    func tls() throws {
        let dir = TemporaryDirectory("pg-tls")
        let db = try TestStore(.postgres, in: dir)
        _ = try db.open()
        let other = try #require(PostgresTestServer.otherCAFile)
        let ca = try #require(PostgresTestServer.caFile)
        let wrong = db.databaseArgument.replacingOccurrences(of: ca, with: other)
        #expect(wrong != db.databaseArgument)
        let error = #expect(throws: StoreError.self) {
            _ = try PostgresCirculationStore(endpoint: .parse(wrong), scope: .library("x"), mode: .mustExist)
        }
        #expect(error?.kind == .cannotOpen)
        #expect(error?.description.contains("TLS") == true || error?.description.contains("certificate") == true, "\(error?.description ?? "")")
    }
}
