import RFIDCommon

/// The rule that refused a value. Staff see the rule's id and explanation; the refused value
/// itself is never part of the error, because it may be a card number or a name.
public enum RefusalRule: Sendable, Equatable, Hashable, CustomStringConvertible {
    case empty
    /// A site or built-in refuse pattern matched (the default one is "patron-card").
    case refusedPattern(String)
    case emailAddress
    case phoneNumber
    case date
    case nationalID
    case paymentCard
    case streetAddress
    case personalName
    case freeText
    /// The value has the shape of an accepted item barcode but its check digit is wrong.
    case checkDigit(pattern: String)
    /// Nothing else applies: it simply is not an accepted item barcode.
    case notAnItemBarcode

    /// A stable identifier for logs, tests and documentation.
    public var id: String {
        switch self {
        case .empty: "empty"
        case .refusedPattern(let name): name
        case .emailAddress: "email-address"
        case .phoneNumber: "phone-number"
        case .date: "date"
        case .nationalID: "national-id"
        case .paymentCard: "payment-card"
        case .streetAddress: "street-address"
        case .personalName: "personal-name"
        case .freeText: "free-text"
        case .checkDigit: "check-digit"
        case .notAnItemBarcode: "not-an-item-barcode"
        }
    }

    public var explanation: String {
        switch self {
        case .empty: "the value is empty"
        case .refusedPattern(let name) where name == "patron-card":
            "it has the shape of a library card number, and RFID is never used for library cards"
        case .refusedPattern: "it matches a pattern the site's barcode policy refuses"
        case .emailAddress: "it looks like an e-mail address"
        case .phoneNumber: "it looks like a phone number"
        case .date: "it looks like a date (a birth date is personal data)"
        case .nationalID: "it looks like a national id number"
        case .paymentCard: "it looks like a payment card number"
        case .streetAddress: "it looks like a street address"
        case .personalName: "it looks like a person's name"
        case .freeText: "it is free text, not a barcode"
        case .checkDigit(let pattern): "it has the shape of an item barcode (\(pattern)) but its check digit is wrong"
        case .notAnItemBarcode: "it is not an item barcode accepted by the site's barcode policy"
        }
    }

    public var description: String { id }
}

/// A value the barcode policy refused. Only the rule is carried, never the value.
public struct BarcodeRefusal: UserFacingError, Equatable {
    public var rule: RefusalRule
    public init(rule: RefusalRule) { self.rule = rule }
    public var exitStatus: ExitStatus { .refused }
    public var description: String {
        "refused by the barcode policy, rule '\(rule.id)': \(rule.explanation); nothing was written (the value is not shown)"
    }
}
