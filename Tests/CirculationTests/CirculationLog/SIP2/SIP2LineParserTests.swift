import CirculationLog
import Testing

@Suite("SIP2 line parser")
struct SIP2LineParserTests {
    /// A parser whose barcode policy accepts any item, so that what the personal-data shapes
    /// withhold (before the policy is asked) shows on its own.
    let parser = SIP2LineParser(source: .selfCheck, allowLists: TestAllowLists.anyItem)

    func outcome(_ line: String) -> SIP2LineParser.Outcome { parser.parse(Array(line.utf8)).outcome }

    func problem(_ line: String) -> LineProblem? {
        if case .malformed(let p) = outcome(line) { return p }
        return nil
    }

    @Test("the public checkin response example is a checkin with branch, location and media type")
    func publicCheckinResponse() {
        let line = SIP2ChecksumTests.publicExamples[2]
        #expect(
            outcome(line)
                == .transaction(
                    CirculationEvent(
                        action: .checkin, day: "1998-08-21", hour: 8, branch: CodeAllowList.unknown,
                        location: CodeAllowList.unknown, mediaType: "001", collection: "",
                        source: .selfCheck, item: "CheckInBook")))
    }

    @Test("requests are not transactions", arguments: [0, 1, 3])
    func requestsAreNotCounted(index: Int) {
        #expect(outcome(SIP2ChecksumTests.publicExamples[index]) == .other)
    }

    @Test("checkout and renewal responses with ok=1 count, with ok=0 do not")
    func okFlagDecides() {
        let body = "19960212    100514AOMAIN|AA21234567890123|AB31234000056789|CK001|CRFIC|"
        #expect(outcome("121YUY" + body) == .transaction(event(.checkout)))
        #expect(outcome("301YUY" + body) == .transaction(event(.renewal)))
        #expect(outcome("120NUN" + body) == .other)
        #expect(outcome("300NUN" + body) == .other)
        #expect(problem("12XNUN" + body)?.reason == "the ok flag must be 0 or 1")
    }

    func event(_ action: CirculationAction) -> CirculationEvent {
        CirculationEvent(
            action: action, day: "1996-02-12", hour: 10, branch: "MAIN", location: "", mediaType: "001",
            collection: "FIC", source: .selfCheck, item: "31234000056789")
    }

    @Test("a leading ISO-8601 timestamp is skipped; it dates a response whose date field is blank")
    func leadingTimestamp() {
        let blankDate = String(repeating: " ", count: 18)
        let line = "2026-03-14T16:05:09.123-05:00 121YUY\(blankDate)AOEAST|ABX1|"
        guard case .transaction(let e) = outcome(line) else {
            Issue.record("not a transaction")
            return
        }
        #expect(e.day == "2026-03-14")
        #expect(e.hour == 16)
        #expect(outcome("2026-03-14 16:05:09\t941") == .other)
    }

    @Test("the message's own date wins over the log timestamp")
    func messageDateWins() {
        guard case .transaction(let e) = outcome("2026-03-14T23:59:59Z 121YUY20260315    000001AOEAST|") else {
            Issue.record("not a transaction")
            return
        }
        #expect(e.day == "2026-03-15")
        #expect(e.hour == 0)
    }

    @Test("AQ permanent location is preferred to AP current location")
    func locationPreference() {
        let line = "101YNN20260301    120000AOMAIN|APRETURN-SHELF|AQCHILDREN|ABX|"
        guard case .transaction(let e) = outcome(line) else {
            Issue.record("not a transaction")
            return
        }
        #expect(e.location == "CHILDREN")
        guard case .transaction(let f) = outcome("101YNN20260301    120000AOMAIN|APRETURN-SHELF|ABX|") else {
            Issue.record("not a transaction")
            return
        }
        #expect(f.location == "RETURN-SHELF")
    }

    @Test("CR and CRLF line ends are ignored, and blank lines are blank")
    func lineEnds() {
        #expect(outcome("941AY0AZFDFD\r\n") == .other)
        #expect(outcome("941AY0AZFDFD\r") == .other)
        #expect(outcome("") == .blank)
        #expect(outcome("  \r\n") == .blank)
    }

    @Test("malformed lines say where and why", arguments: [
        ("12", 3, "the message needs 22 bytes of fixed fields, it has 0"),
        ("121YUY2026", 11, "the message needs 22 bytes of fixed fields, it has 8"),
        ("x1", 1, "the message does not start with a 2-digit SIP2 command code"),
        ("55ABC", 1, "the command code is not a SIP2 2.00 command code"),
        ("121YUY20261399    250000AOMAIN|", 7, "the transaction date is not YYYYMMDDZZZZHHMMSS"),
        ("121YUY                  AOMAIN|", 3, "no transaction date: the date field is blank and the line has no timestamp"),
        ("2026-13-01T00:00:00 941", 1, "the leading timestamp is not ISO-8601 (YYYY-MM-DDThh:mm:ss)"),
        ("941AY0AZFDFG", 9, "the checksum is not 4 hex digits"),
    ])
    func malformedLines(line: String, column: Int, reason: String) {
        #expect(problem(line) == LineProblem(column: column, field: problem(line)?.field, reason: reason))
    }

    @Test("a broken field code is reported by column, never by quoting the line")
    func brokenFieldCode() {
        let line = "121YUY20260301    120000AOMAIN|AA21234567890123|a!Doe, Jane|ABX|"
        let p = problem(line)
        #expect(p?.column == 49)
        #expect(p?.reason == "a field does not start with a 2-character field code")
        let issue = LineIssue(file: "log.txt", line: 7, severity: .error, problem: p ?? LineProblem(reason: ""))
        #expect(issue.description == "log.txt:7:49: error: a field does not start with a 2-character field code")
        #expect(!issue.description.contains("Doe"))
    }

    @Test("patron fields never reach the event, whatever they hold")
    func patronFieldsDropped() {
        let fields = ["AA", "AD", "AE", "BD", "BE", "BF", "CY", "DA", "PB", "XI", "CO", "AC", "AF", "AG"]
        var line = "101YNN20260301    120000AOMAIN|ABITEM1|"
        for f in fields { line += "\(f)SECRET-\(f)|" }
        guard case .transaction(let e) = outcome(line) else {
            Issue.record("not a transaction")
            return
        }
        #expect(!"\(e)".contains("SECRET"))
        #expect(e.item == "ITEM1")
        #expect(e.branch == "MAIN")
    }

    /// A counted checkout whose AB field holds `item`; the value starts at byte column 34.
    static func checkout(item: String) -> String { "121YUY20260301    100000AOMAIN|AB\(item)|CK001|AQAdult|" }

    static func checkoutEvent(item: String) -> CirculationEvent {
        CirculationEvent(
            action: .checkout, day: "2026-03-01", hour: 10, branch: "MAIN", location: "Adult", mediaType: "001",
            collection: "", source: .selfCheck, item: item)
    }

    @Test("an AB value shaped like personal data is withheld: the transaction counts without an item, with a warning", arguments: [
        ("23529000035676", ItemPersonalData.patronCard),
        ("22390000027896", .patronCard),  // a wrong check digit: still someone's card, mistyped
        ("P23529000035676", .patronCard),  // a card number behind a prefix
        ("jane.doe@example.org", .emailAddress),
        ("jane.doe@", .emailAddress),
        ("(617) 555-0123", .phoneNumber),
        ("+1 617 555 0123", .phoneNumber),
    ])
    func personalDataInItemIsWithheld(value: String, kind: ItemPersonalData) throws {
        let parsed = parser.parse(Array(Self.checkout(item: value).utf8))
        #expect(parsed.outcome == .transaction(Self.checkoutEvent(item: "")))
        #expect(parsed.withheld == .item)
        #expect(parsed.itemPersonalData == kind)
        #expect(parsed.itemColumn == 34)
        #expect(kind.itemWithheldReason.hasSuffix("not an item barcode; the transaction is counted without its item"))
    }

    @Test("item barcodes and other item values are kept with no warning", arguments: [
        "33191000105864", "30234000517861", "CheckInBook", "X1", "QA268.L55", "ITEM-0001", "101",
        "235290000356761",  // 15 digits: not a card layout
        "2352900003567",  // 13 digits
        "617-555-01234",  // a phone-like group followed by another digit: part of a longer number
    ])
    func itemValuesAreKept(value: String) {
        let parsed = parser.parse(Array(Self.checkout(item: value).utf8))
        #expect(parsed.outcome == .transaction(Self.checkoutEvent(item: value)))
        #expect(parsed.withheld.isEmpty)
    }

    @Test("only counted transactions are screened: requests and refusals step over AB as before")
    func uncountedMessagesHaveNoItemWarning() {
        let refused = parser.parse(Array("120NUN20260301    100000AOMAIN|AB23529000035676|".utf8))
        #expect(refused.outcome == .other)
        #expect(refused.withheld.isEmpty)
        let request = parser.parse(Array("11YN20260301    10000020260301    100000AOMAIN|AA1|AB23529000035676|AC|".utf8))
        #expect(request.outcome == .other)
        #expect(request.withheld.isEmpty)
    }

    @Test("a withheld item leaves the checksum verdict alone")
    func checksumStillJudged() {
        let body = Self.checkout(item: "jane@example.org") + "AY1AZ"
        let line = body + SIP2Checksum.text(of: Array(body.utf8))
        let parsed = parser.parse(Array(line.utf8))
        #expect(parsed.checksum == .valid)
        #expect(parsed.withheld == .item)
        #expect(parsed.outcome == .transaction(Self.checkoutEvent(item: "")))
    }
}
