import Testing

@testable import SiteConfiguration

@Suite("[report] mapping tables")
struct ReportSectionTests {
    func parse(_ text: String) throws -> SiteConfiguration { try SiteConfiguration.parse(text, file: "site.toml") }

    @Test("item types, collections and locations map to a category, an audience or both")
    func mappings() throws {
        let config = try parse("""
            [codes]
            item_types = ["BK", "JDVD"]

            [report.item_types]
            BK = { category = "books" }
            JDVD = { category = "video", audience = "children" }
            "001" = { audience = "adult" }

            [report.collections]
            YAFIC = { audience = "young-adult" }

            [report.locations]
            MICRO = { category = "microforms" }
            """)
        #expect(config.codes.itemTypes == ["BK", "JDVD"])
        #expect(config.report.itemTypes["BK"] == .init(category: .books))
        #expect(config.report.itemTypes["JDVD"] == .init(category: .video, audience: .children))
        #expect(config.report.itemTypes["001"] == .init(audience: .adult))
        #expect(config.report.collections["YAFIC"] == .init(audience: .youngAdult))
        #expect(config.report.locations["MICRO"] == .init(category: .microforms))
        let shown = config.effectiveValues.first { $0.keyPath == "report.item_types.JDVD" }
        #expect(shown?.value == "{ category = \"video\", audience = \"children\" }")
        #expect(shown?.source == .file("site.toml"))
    }

    @Test("no [report]: no mapping, shown as empty defaults")
    func defaults() throws {
        let config = try parse("")
        #expect(config.report == SiteConfiguration.Report())
        #expect(config.effectiveValues.filter { $0.keyPath.hasPrefix("report.") }.map(\.keyPath) == [
            "report.item_types", "report.collections", "report.locations",
        ])
    }

    @Test("mistakes name the file, the line and the key", arguments: [
        ("[report.item_types]\nBK = { category = \"bookz\" }\n", "report.item_types.BK.category", 2, "must be one of"),
        ("[report.collections]\nJFIC = { audience = \"kids\" }\n", "report.collections.JFIC.audience", 2, "\"young-adult\""),
        ("[report]\n\n[report.item_types]\nDVD = { categroy = \"video\" }\n", "report.item_types.DVD.categroy", 4, "unknown key"),
        ("[report.locations]\nCHILD = {}\n", "report.locations.CHILD", 2, "maps to nothing"),
        ("[report.locations]\nCHILD = \"children\"\n", "report.locations.CHILD", 2, "must be an inline table"),
        ("[report.item_types]\n\"A B\" = { category = \"books\" }\n", "report.item_types.A B", 2, "is not a code"),
        ("[report]\nitem_type = 1\n", "report.item_type", 2, "unknown key"),
        ("[report]\nitem_types = 3\n", "report.item_types", 2, "must be a table"),
        ("[codes]\nitem_types = [\"a b\"]\n", "codes.item_types", 2, "entry 1 is not a code"),
    ])
    func errors(text: String, key: String, line: Int, reason: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try parse(text) }
        #expect(error.keyPath == key)
        #expect(error.line == line)
        #expect(error.reason.contains(reason), "\(error.reason)")
        #expect(error.description.hasPrefix("site.toml:\(line): \(key): "))
    }
}
