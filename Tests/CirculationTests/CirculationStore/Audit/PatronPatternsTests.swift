@testable import CirculationStore
import Testing

@Suite("Patron-shaped values")
struct PatronPatternsTests {
    func kinds(_ text: String) -> [PatronPatternKind] {
        var found: [PatronPatternKind] = []
        Array(text.utf8).withUnsafeBytes { raw in
            PatronPatterns.scan(raw, reportRange: 0..<raw.count) { kind, _ in found.append(kind) }
        }
        return found
    }

    @Test("14-digit card numbers starting with 2 with a valid check digit", arguments: [
        ("21234567890124", [PatronPatternKind.patronBarcode]),
        ("x21234567890124y", [.patronBarcode]),
        ("21234567890127", []),  // wrong check digit
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
                PatronPatterns.scan(raw, reportRange: window..<min(raw.count, window + 64)) { _, at in starts.append(at) }
            }
            #expect(starts == [300, 317])
        }
    }
}
