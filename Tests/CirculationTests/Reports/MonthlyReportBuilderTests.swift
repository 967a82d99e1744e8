import CirculationLog
import CirculationStore
import PropertyBased
import Testing

@testable import CirculationReports

@Suite("Monthly report builder")
struct MonthlyReportBuilderTests {
    let november = try! ReportMonth("2026-11")

    func build(_ store: InMemoryStore, threshold: Int = 5) throws -> MonthlyReport {
        try MonthlyReportBuilder(threshold: threshold).build(month: november, from: store)
    }

    @Test("totals by action add up every counter of the month and nothing of other months")
    func totalsByAction() throws {
        let store = InMemoryStore(rows: [
            .make("2026-11-02", 10, .checkout, count: 40), .make("2026-11-03", 11, .checkout, count: 12),
            .make("2026-11-02", 10, .checkin, count: 30), .make("2026-11-30", 23, .renewal, count: 9),
            .make("2026-10-31", 10, .checkout, count: 1000),
        ])
        let report = try build(store)
        #expect(report.totals.checkouts == .count(52))
        #expect(report.totals.checkins == .count(30))
        #expect(report.totals.renewals == .count(9))
        #expect(report.totals.all == .count(91))
    }

    @Test("the branch table counts checkouts and renewals by state-survey material, not checkins")
    func branchByMaterial() throws {
        let store = InMemoryStore(rows: [
            .make("2026-11-02", 10, .checkout, branch: "EAST", media: "001", count: 20),
            .make("2026-11-02", 10, .renewal, branch: "EAST", media: "009", count: 6),
            .make("2026-11-02", 10, .checkin, branch: "EAST", media: "001", count: 50),
            .make("2026-11-02", 10, .checkout, branch: "EAST", media: "006", count: 7),
            .make("2026-11-02", 10, .checkout, branch: "WEST", media: "005", count: 8),
            .make("2026-11-02", 10, .checkout, branch: "WEST", media: "002", count: 9),
            .make("2026-11-02", 10, .checkout, branch: "WEST", media: "XYZ", count: 10),
        ])
        let table = try build(store, threshold: 3).branchByMaterial
        #expect(table.rowLabels == ["EAST", "WEST"])
        #expect(table.columnLabels == ["Books", "Audio", "Video", "E-books", "Periodicals", "Microforms", "Miscellaneous"])
        #expect(table.cells[0].map(\.value) == [26, 7, 0, 0, 0, 0, 0])
        #expect(table.cells[1].map(\.value) == [0, 0, 8, 0, 9, 0, 10])
        #expect(table.grandTotal == .count(60))
    }

    @Test("hour of day x weekday places each counter at its hour and weekday (2026-11-25 is a Wednesday)")
    func hourByWeekday() throws {
        let store = InMemoryStore(rows: [
            .make("2026-11-25", 14, .checkout, count: 11), .make("2026-11-23", 9, .checkin, count: 6),
            .make("2026-11-29", 0, .renewal, count: 5),
        ])
        let table = try build(store).hourByWeekday
        #expect(table.rowLabels.count == 24 && table.columnLabels == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        #expect(table.cells[14][2] == .count(11))
        #expect(table.cells[9][0] == .count(6))
        #expect(table.cells[0][6] == .count(5))
        #expect(table.grandTotal == .count(22))
    }

    @Test("self-check, staff station and library-system desk transactions are told apart per action")
    func bySource() throws {
        let store = InMemoryStore(rows: [
            .make("2026-11-02", 10, .checkout, source: .selfCheck, count: 70),
            .make("2026-11-02", 10, .checkout, source: .staffStation, count: 30),
            .make("2026-11-02", 10, .checkin, source: .librarySystem, count: 25),
            .make("2026-11-02", 11, .checkin, source: .staffStation, count: 15),
        ])
        let table = try build(store).bySource
        #expect(table.rowLabels == ["Self-check", "Staff station", "Library system (desk)"])
        #expect(table.cells.map { $0.map(\.value) } == [[70, 0, 0], [30, 15, 0], [0, 25, 0]])
        #expect(table.rowTotals?.map(\.value) == [70, 45, 25])
    }

    @Test("a small branch is suppressed with complements, and no hidden figure follows from the printed ones")
    func smallBranchSuppressed() throws {
        let store = InMemoryStore(rows: [
            .make("2026-11-02", 10, .checkout, branch: "MAIN", media: "001", count: 400),
            .make("2026-11-02", 10, .checkout, branch: "MAIN", media: "005", count: 80),
            .make("2026-11-02", 10, .checkout, branch: "TINY", media: "005", count: 2),
            .make("2026-11-02", 10, .checkout, branch: "TINY", media: "001", count: 30),
            .make("2026-11-02", 10, .checkout, branch: "WEST", media: "001", count: 200),
            .make("2026-11-02", 10, .checkout, branch: "WEST", media: "005", count: 60),
        ])
        let table = try build(store).branchByMaterial
        #expect(table.cells[1][2] == .suppressed)
        let printed = table.cells.flatMap { $0 } + (table.rowTotals ?? []) + (table.columnTotals ?? [])
        #expect(printed.allSatisfy { ($0.value ?? 5) == 0 || ($0.value ?? 5) >= 5 })
        // Row TINY: with its total printed, one more cell must go.
        #expect(table.cells[1].filter { $0 == .suppressed }.count + (table.rowTotals?[1] == .suppressed ? 1 : 0) >= 2)
    }

    @Test("the tables are suppressed together: a month total hidden in one table is hidden in all")
    func linkedTotals() throws {
        let store = InMemoryStore(rows: [
            .make("2026-11-02", 10, .checkout, count: 2), .make("2026-11-03", 10, .checkin, count: 1),
        ])
        let report = try build(store)
        #expect(report.totals.all == .suppressed)
        #expect(report.hourByWeekday.grandTotal == .suppressed)
        #expect(report.bySource.grandTotal == .suppressed)
        // checkouts (2) and renewals (0): circulation = 2 is small and hidden in the branch table.
        #expect(report.branchByMaterial.grandTotal == .suppressed)
        #expect(report.totals.checkouts == .suppressed)
    }

    @Test("circulation total, checkouts and renewals never leave exactly one of the three hidden")
    func circulationLink() throws {
        // Renewals 3 are hidden; without the link, circulation - checkouts would give them away.
        let store = InMemoryStore(rows: [
            .make("2026-11-02", 10, .checkout, count: 100), .make("2026-11-02", 11, .renewal, count: 3),
            .make("2026-11-02", 12, .checkin, count: 90),
        ])
        let report = try build(store)
        #expect(report.totals.renewals == .suppressed)
        let hidden = [report.totals.checkouts, report.totals.renewals, report.branchByMaterial.grandTotal ?? .count(0)]
            .filter { $0 == .suppressed }.count
        #expect(hidden != 1)
    }

    @Test("the most-circulated list leaves out items below the threshold and ranks the rest")
    func mostCirculated() throws {
        let store = InMemoryStore(items: [
            ItemCount(item: "3000000000001", count: 4), ItemCount(item: "3000000000002", count: 9),
            ItemCount(item: "3000000000003", count: 5), ItemCount(item: "3000000000004", count: 9),
        ])
        let report = try build(store)
        #expect(report.mostCirculated.map(\.item) == ["3000000000002", "3000000000004", "3000000000003"])
        let limited = try MonthlyReportBuilder(threshold: 5, itemLimit: 1).build(month: november, from: store)
        #expect(limited.mostCirculated == [ItemCount(item: "3000000000002", count: 9)])
    }

    @Test("gate alarms and tagging activity are lists with a total, small entries suppressed")
    func gatesAndStations() throws {
        let store = InMemoryStore(
            gates: [NamedCount(name: "north", count: 3), NamedCount(name: "south", count: 40), NamedCount(name: "east", count: 12)],
            stations: [NamedCount(name: "desk-1", count: 300)])
        let report = try build(store)
        #expect(report.gateAlarms.rowLabels == ["east", "north", "south"])
        #expect(report.gateAlarms.cells.map { $0[0] } == [.suppressed, .suppressed, .count(40)])
        #expect(report.gateAlarms.columnTotals == [.count(55)])
        #expect(report.taggingActivity.columnTotals == [.count(300)])
    }

    @Test("a store failure becomes a report error with the store's exit status")
    func storeFailure() {
        let failure = StoreError(.cannotOpen, location: "/x/circulation.sqlite", "no circulation store here")
        #expect(throws: ReportError.store(failure)) { try build(InMemoryStore(failure: failure)) }
        #expect(ReportError.store(failure).exitStatus == .ioError)
    }

    @Test("a counter with an impossible day or hour is reported as inconsistent data, not crashed on")
    func inconsistentRows() {
        for row in [CounterRow.make("2026-11-31", 10, .checkout, count: 1), .make("2026-11-02", 24, .checkout, count: 1)] {
            #expect(throws: ReportError.self) { try build(InMemoryStore(rows: [row])) }
            #expect((try? build(InMemoryStore(rows: [row]))) == nil)
        }
        #expect(ReportError.inconsistentStore("x").exitStatus == .dataError)
    }

    @Test("a suppression threshold below 3 is refused as a settings error (exit 65), 3 and more are accepted")
    func thresholdBelowThreeRefused() throws {
        for bad in [-1, 0, 1, 2] {
            #expect(throws: ReportError.invalidThreshold(bad)) { try MonthlyReportBuilder(threshold: bad) }
        }
        #expect(ReportError.invalidThreshold(2).exitStatus == .dataError)
        #expect(ReportError.invalidThreshold(2).description.contains("suppression_threshold"))
        #expect(try MonthlyReportBuilder(threshold: 3).threshold == 3)
        #expect(try MonthlyReportBuilder().threshold == 5)
    }

    @Test("months are parsed strictly: YYYY-MM with a month 01-12")
    func months() throws {
        #expect(try ReportMonth("2026-01").description == "2026-01")
        for bad in ["2026-13", "2026-00", "2026-1", "26-01", "2026/01", "", "2026-01-01", "２０２６-01"] {
            #expect(throws: ReportError.invalidMonth(bad)) { try ReportMonth(bad) }
        }
        #expect(ReportError.invalidMonth("x").exitStatus == .usage)
    }

    @Test("random months: every printed figure of every table is zero or at least the threshold")
    func randomMonths() async {
        let days = Gen.int(in: 1...30)
        await propertyCheck(
            count: 60, input: days.array(of: 40), Gen.int(in: 0...23).array(of: 40), Gen.int(in: 1...30).array(of: 40),
            Gen.int(in: 0...26).array(of: 40), Gen.int(in: 3...12)
        ) { dayList, hours, counts, kinds, threshold in
            let rows = (0..<40).map { i in
                let kind = kinds[i]
                return CounterRow.make(
                    "2026-11-" + (dayList[i] < 10 ? "0" : "") + String(dayList[i]), hours[i],
                    CirculationAction.allCases[kind % 3], branch: ["A", "B", "C"][kind / 9],
                    media: ["001", "005", "006"][(kind / 3) % 3], source: TransactionSource.allCases[kind % 3 == 0 ? 0 : 1],
                    count: counts[i])
            }
            guard let report = try? build(InMemoryStore(rows: rows), threshold: threshold) else {
                Issue.record("build failed")
                return
            }
            for table in report.tables {
                let all = table.cells.flatMap { $0 } + (table.rowTotals ?? []) + (table.columnTotals ?? []) + [table.grandTotal].compactMap { $0 }
                for figure in all { if let n = figure.value { #expect(n == 0 || n >= threshold) } }
            }
            let linked = [report.totals.checkouts, report.totals.renewals, report.branchByMaterial.grandTotal ?? .count(0)]
            #expect(linked.filter { $0 == .suppressed }.count != 1)
            #expect((report.bySource.grandTotal == .suppressed) == (report.hourByWeekday.grandTotal == .suppressed))
        }
    }
}
