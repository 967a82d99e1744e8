/// Which values may be written to a tag as the item identifier. Anything not accepted is
/// refused: the policy is an allow-list, because the harm of writing a card number or a name
/// to a tag that leaves the building is far greater than the cost of a staff member retyping.
public struct BarcodePolicy: Sendable, Equatable {
    public var accept: [BarcodePattern]
    public var refuse: [BarcodePattern]

    public init(accept: [BarcodePattern], refuse: [BarcodePattern]) {
        self.accept = accept
        self.refuse = refuse
    }

    /// 14-digit US Codabar item barcodes (leading 3, Luhn check digit).
    public static let codabarItem = BarcodePattern(
        name: "codabar-item-14", prefix: "3", minLength: 14, maxLength: 14, characters: .digits, checkDigit: .luhn)
    /// 14-digit numbers starting with 2: library cards, whatever their check digit.
    public static let patronCard = BarcodePattern(
        name: "patron-card", prefix: "2", minLength: 14, maxLength: 14, characters: .digits)

    public static let `default` = BarcodePolicy(accept: [codabarItem], refuse: [patronCard])

    /// Nil when the value is an accepted item barcode, else the rule that refuses it.
    public func refusal(for value: String) -> RefusalRule? {
        if value.isEmpty { return .empty }
        let quick: RefusalRule?? = BarcodePattern.withBytes(value) { bytes in
            for index in refuse.indices where refuse[index].matches(bytes) {
                return .some(.refusedPattern(refuse[index].name))
            }
            // Fast path: an accepted digit barcode cannot have a personal-data shape.
            for index in accept.indices where accept[index].characters == .digits && accept[index].matches(bytes) {
                return .some(nil)
            }
            return nil
        }
        if let decided = quick { return decided }
        if let rule = PersonalDataDetector.strongMatch(value) { return rule }
        for pattern in accept where pattern.matches(value) { return nil }
        for pattern in accept where pattern.matchesShape(value) { return .checkDigit(pattern: pattern.name) }
        return PersonalDataDetector.weakMatch(value) ?? .notAnItemBarcode
    }

    /// Throws the refusal as a typed error, for callers about to write.
    public func check(_ value: String) throws(BarcodeRefusal) {
        if let rule = refusal(for: value) { throw BarcodeRefusal(rule: rule) }
    }
}
