import CirculationLog
import CirculationStore
import Testing

@testable import CirculationReports

@Suite("Material and audience mapping ([report] tables)")
struct MaterialMappingTests {
    let mapping = MaterialMapping(
        itemTypes: ["BK": .init(category: .books), "JDVD": .init(category: .video, audience: .children)],
        collections: ["YAFIC": .init(audience: .youngAdult), "PER": .init(category: .periodicals, audience: .adult)],
        locations: ["CHILD": .init(audience: .children), "MICRO": .init(category: .microforms)])

    @Test("no tables: today's SIP2 media-type mapping for categories, every audience unknown")
    func defaults() {
        let none = MaterialMapping()
        #expect(none.classify(mediaType: "005", collection: "", location: "") == .init(category: .video, categoryMapped: true, audience: .unknown))
        #expect(none.classify(mediaType: "000", collection: "", location: "").categoryMapped)
        // Koha's item type lands in Miscellaneous, and is marked unmapped so it gets listed.
        #expect(none.classify(mediaType: "BK", collection: "", location: "") == .init(category: .miscellaneous, categoryMapped: false, audience: .unknown))
        #expect(!none.classify(mediaType: "", collection: "", location: "").categoryMapped)
    }

    @Test("precedence: item type, then collection, then location, for category and audience separately")
    func precedence() {
        // The item type gives both.
        #expect(mapping.classify(mediaType: "JDVD", collection: "YAFIC", location: "CHILD") == .init(category: .video, categoryMapped: true, audience: .children))
        // The item type gives the category, the collection the audience (over the location).
        #expect(mapping.classify(mediaType: "BK", collection: "YAFIC", location: "CHILD") == .init(category: .books, categoryMapped: true, audience: .youngAdult))
        // The collection's category wins over the location's and over the built-in media type.
        #expect(mapping.classify(mediaType: "001", collection: "PER", location: "MICRO").category == .periodicals)
        // The location gives what nothing before it does.
        #expect(mapping.classify(mediaType: "XYZ", collection: "", location: "MICRO") == .init(category: .microforms, categoryMapped: true, audience: .unknown))
        #expect(mapping.classify(mediaType: "XYZ", collection: "", location: "CHILD") == .init(category: .miscellaneous, categoryMapped: false, audience: .children))
    }

    @Test("the audience table counts what the branch table counts; unmapped codes are listed per kind with their circulation")
    func monthTables() throws {
        func row(_ action: CirculationAction, _ media: String, _ collection: String, _ location: String, _ count: Int) -> CounterRow {
            CounterRow(
                day: "2026-03-02", hour: 10, action: action, branch: "MAIN", location: location, mediaType: media,
                collection: collection, source: .selfCheck, count: count)
        }
        let tables = try MonthTables(
            month: ReportMonth("2026-03"),
            counters: [
                row(.checkout, "BK", "YAFIC", "", 7), row(.renewal, "XYZ", "", "CHILD", 3), row(.checkout, "BK", "NF", "STACKS", 11),
                row(.checkin, "XYZ", "NF", "STACKS", 40),  // checkins are not circulation
            ], mapping: mapping)
        let audience = tables.audienceByMaterial
        #expect(audience.rowLabels == ["Adult", "Children's", "Young Adult", "Unknown audience"])
        #expect(audience.cells[Audience.youngAdult.rawValue][MaterialCategory.books.rawValue] == 7)
        #expect(audience.cells[Audience.children.rawValue][MaterialCategory.miscellaneous.rawValue] == 3)
        #expect(audience.cells[Audience.unknown.rawValue][MaterialCategory.books.rawValue] == 11)
        #expect(audience.grandTotal == tables.branchByMaterial.grandTotal)
        for c in 0..<audience.columnCount { #expect(audience.columnTotal(c) == tables.branchByMaterial.columnTotal(c)) }

        let items = tables.unmapped.table(.itemType)
        #expect(items.rowLabels == ["BK", "XYZ"])
        #expect(items.cells == [[0, 11], [3, 0]])
        let collections = tables.unmapped.table(.collection)
        #expect(collections.rowLabels == ["NF", "(none)"])
        #expect(collections.cells == [[0, 11], [3, 0]])
        #expect(tables.unmapped.table(.location).rowLabels == ["CHILD", "STACKS"])
    }

    @Test("the monthly report prints the audience table and the unmapped tables, audited with the rest")
    func monthlyReport() throws {
        var generator = SeededGenerator(seed: 41)
        for _ in 0..<60 {
            let store = RandomMonths.store(using: &generator, mapped: true)
            let builder = try MonthlyReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
            let report = try builder.build(month: ReportMonth(RandomMonths.month), from: store)
            #expect(report.tables.map(\.id).contains("audienceByMaterial"))
            #expect(report.unmapped.map(\.id) == ["unmappedItemTypes", "unmappedCollections", "unmappedLocations"])
            #expect(try SuppressionAudit(threshold: 5).disclosures(in: report).isEmpty)
            // The same figure printed in two tables is printed or hidden in both.
            for c in 0..<MaterialCategory.allCases.count {
                #expect(report.audienceByMaterial.columnTotals?[c] == report.branchByMaterial.columnTotals?[c])
            }
            let unknown = report.audienceByMaterial.rowTotals?[Audience.unknown.rawValue]
            for table in report.unmapped { #expect(table.columnTotals?[UnmappedCodes.audienceColumn] == unknown) }
        }
    }
}
