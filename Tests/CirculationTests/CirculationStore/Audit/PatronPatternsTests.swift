@testable import CirculationStore
import CirculationLog
import PropertyBased
import Testing

@Suite("Patron-shaped values")
struct PatronPatternsTests {
    func kinds(_ text: String) -> [PatronPatternKind] { matches(Array(text.utf8), .value).map(\.kind) }

    func matches(_ bytes: [UInt8], _ context: PatronPatterns.Context) -> [(kind: PatronPatternKind, at: Int)] {
        var found: [(PatronPatternKind, Int)] = []
        bytes.withUnsafeBytes { raw in
            PatronPatterns.scan(raw, reportRange: 0..<raw.count, context: context) { found.append(($0, $1)) }
        }
        return found
    }

    /// An `item_monthly_counts` record body as SQLite writes it: month, item, then the count's
    /// bytes (none for 1, one for 2-127, big-endian two for up to 32767), with no separator.
    static func monthlyRecord(_ item: String, countBytes: [UInt8]) -> [UInt8] {
        [0x04, 0x1B, 0x29, countBytes.isEmpty ? 0x09 : UInt8(countBytes.count)] + Array("2026-03".utf8)
            + Array(item.utf8) + countBytes
    }

    @Test("14-digit card numbers starting with 2, whatever their check digit", arguments: [
        ("21234567890124", [PatronPatternKind.patronBarcode]),
        ("x21234567890124y", [.patronBarcode]),
        ("21234567890127", [.patronBarcode]),  // wrong check digit: still a card, mistyped
        ("31234567890124", []),  // an item barcode starts with 3
        ("212345678901240", []),  // 15 digits
    ])
    func barcodes(text: String, expected: [PatronPatternKind]) {
        #expect(kinds(text) == expected)
    }

    @Test("e-mail addresses and written phone numbers; bare digit runs and dates are not phones", arguments: [
        ("mail jane.doe+x@mail.example.org.", [PatronPatternKind.email]),
        ("(617) 555-0123", [.phone]),
        ("617-555-0123", [.phone]),
        ("+1 617 555 0123", [.phone]),
        ("6175550123", []),
        ("2026-03-14", []),
        ("a@b", []),
        ("user@host.c", []),
        ("x@mail.example.orgself-check", [.email]),  // as in a database page
    ])
    func emailsAndPhones(text: String, expected: [PatronPatternKind]) {
        #expect(kinds(text) == expected)
    }

    @Test("a match is reported once by the window that holds its start, when windows overlap")
    func windows() {
        let text = Array(String(repeating: " ", count: 300).utf8) + Array("jane@example.org 21234567890124".utf8)
        text.withUnsafeBytes { raw in
            var starts: [Int] = []
            for window in stride(from: 0, to: raw.count, by: 64) {
                PatronPatterns.scan(raw, reportRange: window..<min(raw.count, window + 64), context: .value) { _, at in
                    starts.append(at)
                }
            }
            #expect(starts == [300, 317])
        }
    }

    @Test("in store pages a card number is found right after a YYYY-MM month and before one digit-valued count byte",
        arguments: [[], [0x32], [0x35], [0x01, 0x2C], [0x7F]] as [[UInt8]])
    func cardAfterMonthInPages(countBytes: [UInt8]) {
        let record = Self.monthlyRecord("23529000035676", countBytes: countBytes)
        let found = matches(record, .storagePages)
        #expect(found.map(\.kind) == [.patronBarcode])
        #expect(found.map(\.at) == [4 + 7])  // the card number's own first byte
        // A stored value on its own has separators by construction: there the shape is exact.
        #expect(matches(Array("23529000035676".utf8) + [0x32], .value).isEmpty)
    }

    @Test("in store pages a card number followed by one stray digit byte is found, by two is not")
    func trailingDigitInPages() {
        let card = Array("x23529000035676".utf8)
        #expect(matches(card + Array("7".utf8), .storagePages).map(\.at) == [1])
        #expect(matches(card + Array("78".utf8), .storagePages).isEmpty)
    }

    @Test("item barcodes after a month, with any count byte, are not card numbers", arguments: [
        "33191000105864", "30234000517861",  // the shared vectors' items
        "22390000027896",  // a card number whose check digit is wrong: too many stray runs would match
    ])
    func itemsAfterMonthAreClean(item: String) {
        for countBytes in [[], [0x30], [0x39], [0x31, 0x32]] as [[UInt8]] {
            #expect(matches(Self.monthlyRecord(item, countBytes: countBytes), .storagePages).isEmpty, "\(countBytes)")
        }
    }

    @Test("the month prefix counts only with a real month and four year digits")
    func monthPrefixMustBeAMonth() {
        let card = "23529000035676"
        #expect(matches(Array(("2026-13" + card).utf8), .storagePages).isEmpty)
        #expect(matches(Array(("2026-00" + card).utf8), .storagePages).isEmpty)
        #expect(matches(Array(("x026-03" + card).utf8), .storagePages).isEmpty)
        #expect(matches(Array(("2026-12" + card).utf8), .storagePages).map(\.at) == [7])
    }

    @Test("an item value the log parsers keep is never a finding of the audit's value scan")
    func parsersAndAuditAgree() async {
        let noise = Gen.element(of: Array("0123456789@.-()+ aZ".utf8)).array(of: 0...8)
        // A digit run of 13 to 15 starting with 2 between noise: card numbers, valid or not, and
        // near misses, next to digits, separators and "@".
        await propertyCheck(count: 3_000, input: noise, Gen.number.string(of: 12...14), noise) { before, run, after in
            let bytes = before.compactMap { $0 } + Array(("2" + run).utf8) + after.compactMap { $0 }
            let kept = bytes.withUnsafeBytes { PersonalDataShapes.personalData(inItem: $0) } == nil
            if kept { #expect(matches(bytes, .value).isEmpty, "\(String(decoding: bytes, as: UTF8.self))") }
        }
    }
}
