import CirculationLog
import Testing

@Suite("Allow-lists: what a parser may keep")
struct AllowListTests {
    /// A parser with what `rfid-report` applies without a site file: the built-in barcode
    /// policy and no code lists.
    let parser = SIP2LineParser(source: .selfCheck, allowLists: TestAllowLists.site)

    func event(_ line: String) throws -> (CirculationEvent, SIP2LineParser.ParsedLine) {
        let parsed = parser.parse(Array(line.utf8))
        guard case .transaction(let event) = parsed.outcome else { throw AllowListTestFailure.notATransaction }
        return (event, parsed)
    }

    /// Patron data written the ways a deny-list misses: spaces inside a card number, a prefix
    /// digit, 13 digits, phone numbers with spaces or another country's plan, an address with
    /// "(at)" or a full-width "＠".
    static let personalVariants = [
        "2 1234 56789 0124", "021234567890124", "2123456789012", "21234567890124", "617 555 0177",
        "+44 20 7946 0958", "name(at)example.org", "jane＠example.org", "Jane Doe", "23529000035676",
        "2-1234-56789-0124", "P21234567890124", "6175550177",
    ]

    @Test("an item is kept only when the site's barcode policy accepts it", arguments: personalVariants)
    func itemVariantsAreWithheld(value: String) throws {
        let (event, parsed) = try event("121YUY20260301    100000AOMAIN|AB\(value)|CK001|")
        #expect(event.item == "")
        #expect(parsed.withheld.contains(.item))
        #expect(event.branch == "MAIN")
    }

    @Test("an accepted item barcode is kept")
    func acceptedItemIsKept() throws {
        let (event, parsed) = try event("121YUY20260301    100000AOMAIN|AB33191000105864|CK001|")
        #expect(event.item == "33191000105864")
        #expect(parsed.withheld.isEmpty)
    }

    @Test("a branch, location or collection that is not code-shaped is counted under (unknown)", arguments: personalVariants + [
        "jane.doe@example.org", "MAIN\u{1}", "A-VERY-LONG-BRANCH-NAME-OF-33-CHARS", "Main Library",
    ])
    func codeVariantsAreUnknown(value: String) throws {
        let (event, parsed) = try event("121YUY20260301    100000AO\(value)|AQ\(value)|CR\(value)|AB33191000105864|")
        #expect(event.branch == CodeAllowList.unknown)
        #expect(event.location == CodeAllowList.unknown)
        #expect(event.collection == CodeAllowList.unknown)
        #expect(parsed.withheld == [.branch, .location, .collection])
        #expect(event.item == "33191000105864")
    }

    @Test("code-shaped values are kept when the site lists no codes", arguments: ["MAIN", "BR01", "FIC-2", "ya_new", "QA.268", "123456"])
    func codeShapedValuesAreKept(value: String) throws {
        let (event, parsed) = try event("121YUY20260301    100000AO\(value)|AB33191000105864|")
        #expect(event.branch == value)
        #expect(parsed.withheld.isEmpty)
    }

    @Test("with a list, only listed codes are kept, each field by its own list")
    func listedCodes() throws {
        let lists = IngestAllowLists(
            items: .keepNone, branches: CodeAllowList(["MAIN", "EAST"]), locations: CodeAllowList(["STACKS"]),
            collections: CodeAllowList(["FIC"]))
        let parser = SIP2LineParser(source: .selfCheck, allowLists: lists)
        let kept = parser.parse(Array("121YUY20260301    100000AOEAST|AQSTACKS|CRFIC|".utf8))
        #expect(kept.withheld.isEmpty)
        let refused = parser.parse(Array("121YUY20260301    100000AOWEST|AQMAIN|CRFIC|".utf8))
        guard case .transaction(let e) = refused.outcome else {
            Issue.record("not a transaction")
            return
        }
        #expect(e.branch == CodeAllowList.unknown && e.location == CodeAllowList.unknown && e.collection == "FIC")
        #expect(refused.withheld == [.branch, .location])
    }

    @Test("media type keeps SIP2's codes 000-010, material names and item types shaped like a code", arguments: [
        ("001", true), ("010", true), ("book", true), ("011", true), ("BK", true), ("J-DVD", true),
        ("21234567890124", false), ("jane@example.org", false), ("A B", false),
    ])
    func mediaType(value: String, kept: Bool) throws {
        let (event, parsed) = try event("121YUY20260301    100000AOMAIN|CK\(value)|")
        #expect(event.mediaType == (kept ? value : ""))
        #expect(parsed.withheld.contains(.mediaType) == !kept)
    }

    @Test("a site's [codes] item_types list keeps only the item types it names; SIP2 codes and material names always pass",
        arguments: [("BK", true), ("DVD", false), ("001", true), ("video", true)])
    func listedItemTypes(value: String, kept: Bool) throws {
        let lists = IngestAllowLists(items: .keepNone, itemTypes: CodeAllowList(["BK", "JBK"]))
        let line = "121YUY20260301    100000AOMAIN|CK\(value)|"
        guard case .transaction(let e) = SIP2LineParser(source: .selfCheck, allowLists: lists).parse(Array(line.utf8)).outcome
        else {
            Issue.record("not a transaction")
            return
        }
        #expect(e.mediaType == (kept ? value : ""))
    }

    @Test("the code shape: short ASCII letters, digits and -_. with at most six digits")
    func codeShape() {
        func shaped(_ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { CodeAllowList.hasCodeShape($0) } }
        #expect(shaped("MAIN") && shaped("BR-01") && shaped("a.b_c") && shaped("123456"))
        #expect(!shaped("") && !shaped("1234567") && !shaped("12-34-567") && !shaped("A B") && !shaped("a@b") && !shaped("x\u{7}"))
        #expect(!shaped(String(repeating: "A", count: 33)) && !shaped("ＭＡＩＮ"))
    }
}

enum AllowListTestFailure: Error { case notATransaction }
