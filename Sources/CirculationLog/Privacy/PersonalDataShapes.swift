/// The shapes of values that identify a person rather than an item, as byte predicates. They live
/// here, beside the parsers, because the parsers need them to keep such values out of the item
/// field (privacy requirement P4); the store's privacy audit (CirculationStore, which depends on
/// this module) uses the same definitions, so a value the parsers let through as an item is never
/// one the audit reports. Both the SIP2 and the CSV parsers use them.
///
/// Every predicate works on bytes in place: the SIP2 parser runs it on the item range of every
/// counted line (about a million lines a second), so nothing here allocates or uses regexes.
public enum PersonalDataShapes {
    @inline(__always) @usableFromInline static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    /// 14 ASCII digits starting with "2": by the US 14-digit Codabar convention digit 1 says
    /// 2 = patron card, 3 = item (`../shared/reference/tag-data-model.md`). The check digit is
    /// not required: a mistyped card number still points at a person, and the barcode policy's
    /// `patron-card` rule refuses it for the same reason.
    @inlinable
    public static func hasPatronCardLayout(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 14, bytes[0] == UInt8(ascii: "2") else { return false }
        for k in 1..<14 where !isDigit(bytes[k]) { return false }
        return true
    }

    /// A patron card layout whose last digit is the Luhn check digit of the first 13 (odd
    /// positions doubled, 9 subtracted above 9). The audit requires this when it searches
    /// arbitrary bytes, where nine in ten stray 2-prefixed digit runs then do not count.
    @inlinable
    public static func isPatronCardNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard hasPatronCardLayout(bytes) else { return false }
        var sum = 0
        for index in 0..<13 {
            let d = Int(bytes[index]) - 48
            if index % 2 == 0 {
                let doubled = d * 2
                sum += doubled >= 10 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        return Int(bytes[13]) - 48 == (10 - sum % 10) % 10
    }

    /// The length of a phone number written with separators starting at `start`: North American
    /// (617) 555-0100, 617-555-0100, 617.555.0100, 617 555 0100, +1 617 555 0100, or
    /// international with a `+` and 8 to 15 digits in space- or dash-separated groups
    /// (+44 20 7946 0958). A digit right after the last group means it is part of a longer
    /// number, not a phone. Bare digit runs are not phones: in a store (and in an item field)
    /// they are far more often counts and barcodes.
    public static func phoneNumberLength(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
        if let length = northAmericanPhoneLength(bytes, at: start) { return length }
        return internationalPhoneLength(bytes, at: start)
    }

    /// `+CC group group...`: 1-3 digit country code, then 2 to 6 groups of 1-4 digits separated
    /// by single spaces or dashes, 8 to 15 digits in all.
    static func internationalPhoneLength(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
        let n = bytes.count
        guard start + 1 < n, bytes[start] == UInt8(ascii: "+"), isDigit(bytes[start + 1]) else { return nil }
        var i = start + 1
        var total = 0
        var groups = 0
        while true {
            var length = 0
            while i < n && isDigit(bytes[i]) {
                length += 1
                i += 1
            }
            guard length >= 1, length <= (groups == 0 ? 3 : 4) else { return nil }
            total += length
            groups += 1
            guard i + 1 < n, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "-"), isDigit(bytes[i + 1]) else {
                break
            }
            i += 1
        }
        guard groups >= 3, (8...15).contains(total) else { return nil }
        return i - start
    }

    static func northAmericanPhoneLength(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
        let n = bytes.count
        var i = start
        func digits(_ count: Int) -> Bool {
            guard i + count <= n else { return false }
            for k in 0..<count where !isDigit(bytes[i + k]) { return false }
            i += count
            return true
        }
        func byte(_ c: UInt8) -> Bool {
            guard i < n, bytes[i] == c else { return false }
            i += 1
            return true
        }
        var spaceAllowed = true
        if byte(UInt8(ascii: "+")) {
            guard byte(UInt8(ascii: "1")) else { return nil }
            guard i < n, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: ".")
            else { return nil }
            i += 1
            spaceAllowed = true
        }
        var separator: UInt8
        if byte(UInt8(ascii: "(")) {
            guard digits(3), byte(UInt8(ascii: ")")) else { return nil }
            _ = byte(UInt8(ascii: " "))
            separator = UInt8(ascii: "-")
        } else {
            guard digits(3), i < n else { return nil }
            separator = bytes[i]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".")
                || (spaceAllowed && separator == UInt8(ascii: " "))
            else { return nil }
            i += 1
        }
        guard digits(3), byte(separator), digits(4) else { return nil }
        if i < n && isDigit(bytes[i]) { return nil }
        return i - start
    }

    /// A card number written with single spaces or dashes between digit groups
    /// (`2 1234 56789 0124`), or a 15-digit run whose last 14 digits are a card
    /// (`021234567890124`), starting at `start` (a digit not preceded by one). Any check digit.
    public static func writtenCardNumber(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Bool {
        let n = bytes.count
        var count = 0
        var first: UInt8 = 0
        var second: UInt8 = 0
        var separated = false
        var j = start
        while j < n && count <= 16 {
            let b = bytes[j]
            if isDigit(b) {
                if count == 0 { first = b } else if count == 1 { second = b }
                count += 1
            } else if (b == UInt8(ascii: " ") || b == UInt8(ascii: "-")) && j > start && j + 1 < n
                && isDigit(bytes[j - 1]) && isDigit(bytes[j + 1])
            {
                separated = true
            } else {
                break
            }
            j += 1
        }
        if count == 14 && separated && first == UInt8(ascii: "2") { return true }
        return count == 15 && second == UInt8(ascii: "2")
    }

    /// What kind of personal data an item value holds, or nil for a value that may be an item.
    /// One pass over the bytes: a run of exactly 14 digits starting with 2 anywhere in the value
    /// (a card number with a prefix or suffix is still a card number), any "@" (no item barcode
    /// has one, and an address needs no valid domain to identify someone), and, only when a
    /// separator occurs, a written phone number. These are the shapes the audit searches the
    /// store for, so the item column cannot become an audit finding through a parser.
    public static func personalData(inItem bytes: UnsafeRawBufferPointer) -> ItemPersonalData? {
        let n = bytes.count
        var runStart = 0
        var run = 0
        var hasSeparator = false
        for k in 0..<n {
            let b = bytes[k]
            if isDigit(b) {
                if run == 0 { runStart = k }
                run += 1
                continue
            }
            if run == 14 && bytes[runStart] == UInt8(ascii: "2") { return .patronCard }
            run = 0
            switch b {
            case UInt8(ascii: "@"): return .emailAddress
            case UInt8(ascii: "("), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "):
                hasSeparator = true
            default: break
            }
        }
        if run == 14 && bytes[runStart] == UInt8(ascii: "2") { return .patronCard }
        // A card number with spaces or dashes, or behind a prefix digit, needs 15 bytes at least:
        // ordinary 14-byte item barcodes never take this pass.
        if n >= 15 {
            for k in 0..<n where isDigit(bytes[k]) && (k == 0 || !isDigit(bytes[k - 1])) {
                if writtenCardNumber(bytes, at: k) { return .patronCard }
            }
        }
        guard hasSeparator else { return nil }
        for k in 0..<n where k == 0 || !isDigit(bytes[k - 1]) {
            let b = bytes[k]
            guard isDigit(b) || b == UInt8(ascii: "(") || b == UInt8(ascii: "+") else { continue }
            if phoneNumberLength(bytes, at: k) != nil { return .phoneNumber }
        }
        return nil
    }
}

/// Why an item value was withheld from a transaction. The descriptions are fixed texts: a
/// warning says what the value looked like, never what it was.
public enum ItemPersonalData: Sendable, CaseIterable, Hashable {
    case patronCard
    case emailAddress
    case phoneNumber

    /// The warning's reason: what the value looked like and what happened to the transaction.
    /// Literal texts, so that withholding an item costs no allocation on the parser's path.
    public var itemWithheldReason: String {
        switch self {
        case .patronCard:
            "the item looks like a library card number (14 digits starting with 2), not an item barcode; "
                + "the transaction is counted without its item"
        case .emailAddress:
            "the item looks like an e-mail address (it contains @), not an item barcode; "
                + "the transaction is counted without its item"
        case .phoneNumber:
            "the item looks like a phone number, not an item barcode; the transaction is counted without its item"
        }
    }
}
