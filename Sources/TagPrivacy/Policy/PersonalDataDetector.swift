/// Recognises values that are personal data rather than barcodes. "Strong" shapes (an @, a
/// formatted phone number, a name) are refused even when a loose site pattern would accept
/// them; "weak" shapes (a bare 10-digit number could be a phone or a local barcode) only name
/// the refusal once the site's accept patterns have already said no.
enum PersonalDataDetector {
    static func strongMatch(_ value: String) -> RefusalRule? {
        let bytes = Array(value.utf8)
        if isEmail(bytes) { return .emailAddress }
        if isFormattedNationalID(bytes) { return .nationalID }
        if isFormattedDate(bytes) { return .date }
        if isFormattedPhone(bytes) { return .phoneNumber }
        if isStreetAddress(value) { return .streetAddress }
        if isPersonalName(value) { return .personalName }
        return nil
    }

    static func weakMatch(_ value: String) -> RefusalRule? {
        let bytes = Array(value.utf8)
        let allDigits = !bytes.isEmpty && bytes.allSatisfy(isDigit)
        if allDigits {
            if bytes.count == 8, isCompactDate(bytes) { return .date }
            if bytes.count == 9 { return .nationalID }
            if bytes.count == 10 || (bytes.count == 11 && bytes[0] == UInt8(ascii: "1")) { return .phoneNumber }
            if (15...19).contains(bytes.count), Luhn.isValid(value) { return .paymentCard }
        }
        if bytes.contains(where: { $0 < 0x21 || $0 > 0x7E }) || bytes.contains(where: isLower) || bytes.count > 32 {
            return .freeText
        }
        return nil
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    static func isEmail(_ b: [UInt8]) -> Bool {
        guard let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0 else { return false }
        return b[(at + 1)...].contains(UInt8(ascii: ".")) && b.last != UInt8(ascii: ".")
    }

    /// `digits` describes the groups, e.g. [3, 2, 4] for 123-45-6789.
    static func matchesGroups(_ b: [UInt8], _ digits: [Int], separators: Set<UInt8>) -> Bool {
        var index = 0
        for (n, count) in digits.enumerated() {
            if n > 0 {
                guard index < b.count, separators.contains(b[index]) else { return false }
                index += 1
            }
            guard index + count <= b.count, b[index..<index + count].allSatisfy(isDigit) else { return false }
            index += count
        }
        return index == b.count
    }

    static func isFormattedNationalID(_ b: [UInt8]) -> Bool {
        matchesGroups(b, [3, 2, 4], separators: [UInt8(ascii: "-"), UInt8(ascii: " ")])
    }

    static func isFormattedDate(_ b: [UInt8]) -> Bool {
        let seps: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")]
        return matchesGroups(b, [4, 2, 2], separators: seps) || matchesGroups(b, [2, 2, 4], separators: seps)
            || matchesGroups(b, [1, 2, 4], separators: seps) || matchesGroups(b, [2, 1, 4], separators: seps)
            || matchesGroups(b, [1, 1, 4], separators: seps) || matchesGroups(b, [2, 2, 2], separators: [UInt8(ascii: "/")])
            || matchesGroups(b, [1, 1, 2], separators: [UInt8(ascii: "/")])
    }

    static func isCompactDate(_ b: [UInt8]) -> Bool {
        func number(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (y, m, d) = (number(0..<4), number(4..<6), number(6..<8))
        if (1900...2099).contains(y), (1...12).contains(m), (1...31).contains(d) { return true }
        let (m2, d2, y2) = (number(0..<2), number(2..<4), number(4..<8))
        return (1900...2099).contains(y2) && (1...12).contains(m2) && (1...31).contains(d2)
    }

    static func isFormattedPhone(_ b: [UInt8]) -> Bool {
        let allowed: Set<UInt8> = Set(" -.()+".utf8)
        guard b.allSatisfy({ isDigit($0) || allowed.contains($0) }) else { return false }
        let digitCount = b.filter(isDigit).count
        let hasSeparator = b.contains(where: { !isDigit($0) })
        if b.first == UInt8(ascii: "+") { return (7...15).contains(digitCount) }
        return hasSeparator && (digitCount == 7 || digitCount == 10 || digitCount == 11)
    }

    static let streetWords: Set<String> = [
        "st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "lane", "ln", "dr", "drive", "way",
        "ct", "court", "pl", "place", "ter", "terrace", "sq", "square", "hwy", "highway", "pkwy", "parkway", "cir",
        "circle",
    ]

    static func words(_ value: String) -> [Substring] {
        value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
    }

    static func isStreetAddress(_ value: String) -> Bool {
        let parts = words(value)
        guard parts.count >= 2, let first = parts.first, first.utf8.allSatisfy(isDigit) || first.utf8.first.map(isDigit) == true
        else { return false }
        return parts.dropFirst().contains { streetWords.contains($0.lowercased().trimmingPeriod) }
    }

    static func isPersonalName(_ value: String) -> Bool {
        let parts = words(value)
        guard (2...4).contains(parts.count) else { return false }
        return parts.allSatisfy { word in
            let b = Array(word.utf8)
            guard let first = b.first, first >= 0x41 && first <= 0x5A else { return false }
            let nameCharacters = b.allSatisfy {
                isLetter($0) || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            }
            return nameCharacters && (b.contains(where: isLower) || b.count <= 2)
        }
    }
}

extension String {
    fileprivate var trimmingPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
