/// Recognises byte sequences shaped like a person's data: what must never be in the store.
/// Works on raw bytes so the same code scans table values and database/WAL files.
public enum PatronPatternKind: String, Sendable, CaseIterable, Comparable {
    case patronBarcode = "patron-barcode-shaped number"
    case email = "e-mail address"
    case phone = "phone number"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

enum PatronPatterns {
    static let maxMatchLength = 256

    /// A 14-digit library card number: starts with 2 and ends with a valid mod-10 check digit
    /// (odd positions doubled, 9 subtracted above 9).
    static func isPatronBarcode(_ digits: UnsafeRawBufferPointer) -> Bool {
        guard digits.count == 14, digits[0] == UInt8(ascii: "2") else { return false }
        var sum = 0
        for index in 0..<13 {
            let d = Int(digits[index]) - 48
            guard (0...9).contains(d) else { return false }
            if index % 2 == 0 {
                let doubled = d * 2
                sum += doubled >= 10 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        let check = (10 - sum % 10) % 10
        return Int(digits[13]) - 48 == check
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isLocalPart(_ b: UInt8) -> Bool {
        isDigit(b) || isLetter(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
    @inline(__always) static func isDomainPart(_ b: UInt8) -> Bool {
        isDigit(b) || isLetter(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// Calls `found(kind, start)` for every match starting at an index in `reportRange`.
    /// Bytes outside the range are context only (so windows over a large file can overlap).
    static func scan(
        _ bytes: UnsafeRawBufferPointer, reportRange: Range<Int>, found: (PatronPatternKind, Int) -> Void
    ) {
        let n = bytes.count
        var i = max(0, reportRange.lowerBound)
        let end = min(n, reportRange.upperBound)
        while i < end {
            let b = bytes[i]
            if isDigit(b) || b == UInt8(ascii: "(") || b == UInt8(ascii: "+") {
                if i == 0 || !isDigit(bytes[i - 1]) {
                    if let kind = numberMatch(bytes, at: i) { found(kind, i) }
                }
            } else if b == UInt8(ascii: "@") {
                if let start = emailStart(bytes, at: i), start >= reportRange.lowerBound || i == reportRange.lowerBound {
                    if start >= reportRange.lowerBound { found(.email, start) }
                }
            }
            i += 1
        }
        // An address whose local part starts before the range but whose "@" lies inside is
        // reported by the window holding its start; one whose "@" lies after the range end but
        // which starts inside is reported here.
        var at = end
        let limit = min(n, end + maxMatchLength)
        while at < limit {
            if bytes[at] == UInt8(ascii: "@"), let start = emailStart(bytes, at: at), start < end,
                start >= reportRange.lowerBound
            {
                found(.email, start)
            }
            at += 1
        }
    }

    /// A patron barcode or a phone number starting at `i` (which is not preceded by a digit).
    private static func numberMatch(_ bytes: UnsafeRawBufferPointer, at i: Int) -> PatronPatternKind? {
        let n = bytes.count
        if isDigit(bytes[i]) {
            var j = i
            while j < n && isDigit(bytes[j]) && j - i < 15 { j += 1 }
            if j - i == 14 && (j == n || !isDigit(bytes[j])) {
                if isPatronBarcode(UnsafeRawBufferPointer(rebasing: bytes[i..<j])) { return .patronBarcode }
            }
        }
        return phoneLength(bytes, at: i) != nil ? .phone : nil
    }

    /// North American numbers written with separators: (617) 555-0100, 617-555-0100,
    /// 617.555.0100, +1 617 555 0100. Bare digit runs are not phones: too many false alarms.
    static func phoneLength(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
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
        var spaceAllowed = false
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

    /// The start of an e-mail address whose "@" is at `at`, when one is there.
    static func emailStart(_ bytes: UnsafeRawBufferPointer, at: Int) -> Int? {
        let n = bytes.count
        var start = at
        while start > 0 && at - start < 64 && isLocalPart(bytes[start - 1]) { start -= 1 }
        guard start < at else { return nil }
        var end = at + 1
        while end < n && end - at < 190 && isDomainPart(bytes[end]) { end += 1 }
        // A dot followed by two letters somewhere in the domain. Not "the last label is all
        // letters": in a database page the next column's bytes follow the address directly
        // (".orgself-check"), and the audit must still see it.
        var hasTLD = false
        if end - 2 > at + 2 {
            for k in (at + 2)..<(end - 2)
            where bytes[k] == UInt8(ascii: ".") && isLetter(bytes[k + 1]) && isLetter(bytes[k + 2]) {
                hasTLD = true
                break
            }
        }
        guard hasTLD else { return nil }
        return start
    }
}
