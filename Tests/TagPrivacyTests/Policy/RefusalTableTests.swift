import Foundation
import TagPrivacy
import Testing

/// One row per refusal rule: what the default policy says about values that are not item
/// barcodes, and that no refusal ever repeats the value.
@Suite struct RefusalTable {
    static let rows: [(value: String, rule: String)] = [
        ("", "empty"),
        ("23529000035676", "patron-card"),
        ("22390000027896", "patron-card"),  // fails the check digit, still a card number
        ("jane.doe@example.org", "email-address"),
        ("(508) 555-0143", "phone-number"),
        ("+1 617 555 0199", "phone-number"),
        ("6175550199", "phone-number"),
        ("1985-02-14", "date"),
        ("02/14/1985", "date"),
        ("19850214", "date"),
        ("123-45-6789", "national-id"),
        ("123456789", "national-id"),
        ("4111111111111111", "payment-card"),
        ("12 Elm Street", "street-address"),
        ("221B Baker St.", "street-address"),
        ("Jane Doe", "personal-name"),
        ("O'Brien, Mary", "personal-name"),
        ("please call me", "free-text"),
        ("33191000105865", "check-digit"),
        ("X123", "not-an-item-barcode"),
    ]

    @Test func everyRuleRefusesItsExampleAndNeverQuotesIt() {
        for row in Self.rows {
            let rule = BarcodePolicy.default.refusal(for: row.value)
            #expect(rule?.id == row.rule, "expected \(row.rule)")
            let error = BarcodeRefusal(rule: rule ?? .notAnItemBarcode)
            #expect(error.exitStatus == .refused)
            if !row.value.isEmpty { #expect(!error.description.contains(row.value)) }
            #expect(error.description.contains(row.rule))
        }
    }

    @Test func theTableCoversEveryRule() {
        let covered = Set(Self.rows.map(\.rule))
        let all: [RefusalRule] = [
            .empty, .refusedPattern("patron-card"), .emailAddress, .phoneNumber, .date, .nationalID, .paymentCard,
            .streetAddress, .personalName, .freeText, .checkDigit(pattern: "x"), .notAnItemBarcode,
        ]
        for rule in all { #expect(covered.contains(rule.id), "\(rule.id)") }
    }

    // The reference barcodes themselves (items accepted, patron cards refused, their check
    // digits) are checked against the shared vector file in SharedBarcodeVectors, not copied here.
}
