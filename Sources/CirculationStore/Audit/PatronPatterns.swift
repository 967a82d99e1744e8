import CirculationLog

/// Recognises byte sequences shaped like a person's data: what must never be in the store.
/// Works on raw bytes so the same code scans table values and database/WAL files. The card
/// number and phone shapes are CirculationLog's `PersonalDataShapes`, which the log parsers use
/// to keep such values out of the item field.
public enum PatronPatternKind: String, Sendable, CaseIterable, Comparable {
    case patronBarcode = "patron-barcode-shaped number"
    case email = "e-mail address"
    case phone = "phone number"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

enum PatronPatterns {
    static let maxMatchLength = 256

    /// Where scanned bytes come from, which decides what may sit right next to a number.
    enum Context {
        /// One stored value on its own: a card number is a maximal run of exactly 14 digits.
        case value
        /// Pages of the database, its WAL or journal. There a TEXT value is not delimited: the
        /// previous column's bytes sit right before it and the next column's right after it.
        /// In `item_monthly_counts` the month comes first, so an item follows "2026-03" with no
        /// byte between, and the count after it is a 1-byte integer when it is 2 to 127, which
        /// is an ASCII digit for 48 to 57 (likewise the first byte of the next cell, a payload
        /// length, after an item in `raw_events`). A card number is therefore also looked for
        /// after a "YYYY-MM" prefix, and may be followed by one more digit.
        case storagePages
    }

    /// A 14-digit library card number: starts with 2 and ends with a valid mod-10 check digit
    /// (the definition the parsers use to keep such values out of the item field).
    @inline(__always)
    static func isPatronBarcode(_ digits: UnsafeRawBufferPointer) -> Bool {
        PersonalDataShapes.isPatronCardNumber(digits)
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

    /// Calls `found(kind, start)` for every match whose digit run or address starts at an index
    /// in `reportRange`. Bytes outside the range are context only (so windows over a large file
    /// can overlap); a card number after a month prefix is reported at the card number's start.
    static func scan(
        _ bytes: UnsafeRawBufferPointer, reportRange: Range<Int>, context: Context,
        found: (PatronPatternKind, Int) -> Void
    ) {
        let n = bytes.count
        var i = max(0, reportRange.lowerBound)
        let end = min(n, reportRange.upperBound)
        while i < end {
            let b = bytes[i]
            if isDigit(b) || b == UInt8(ascii: "(") || b == UInt8(ascii: "+") {
                if i == 0 || !isDigit(bytes[i - 1]) {
                    if let (kind, at) = numberMatch(bytes, at: i, context: context) {
                    found(kind, at)
                    // A phone's later groups are not phones of their own.
                    if kind == .phone, let length = phoneLength(bytes, at: i) { i += length - 1 }
                }
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

    /// A patron barcode or a phone number in the digit run starting at `i` (which is not
    /// preceded by a digit), with where it starts.
    private static func numberMatch(
        _ bytes: UnsafeRawBufferPointer, at i: Int, context: Context
    ) -> (PatronPatternKind, Int)? {
        let n = bytes.count
        if isDigit(bytes[i]), let card = groupedCardNumber(bytes, at: i, context: context) {
            return (.patronBarcode, card)
        }
        if isDigit(bytes[i]) {
            // Run lengths beyond 18 digits cannot hold a card number in either context.
            var j = i
            while j < n && isDigit(bytes[j]) && j - i < 18 { j += 1 }
            let run = j - i
            let trailing = context == .storagePages ? 1 : 0
            if run >= 14 && run <= 14 + trailing && isPatronBarcode(UnsafeRawBufferPointer(rebasing: bytes[i..<(i + 14)])) {
                return (.patronBarcode, i)
            }
            if context == .storagePages && run >= 16 && run <= 16 + trailing && followsYearAndDash(bytes, at: i)
                && isMonth(bytes[i], bytes[i + 1])
                && isPatronBarcode(UnsafeRawBufferPointer(rebasing: bytes[(i + 2)..<(i + 16)]))
            {
                return (.patronBarcode, i + 2)
            }
        }
        return phoneLength(bytes, at: i) != nil ? (.phone, i) : nil
    }

    /// A card number written the ways a person would look for it besides the plain run: with
    /// spaces or dashes between digit groups (`2 1234 56789 0124`), or behind one prefix digit
    /// (`021234567890124`, a 15-digit export). In a stored value any check digit counts (a
    /// mistyped card still points at someone); in raw pages, where digits sit next to other
    /// columns, the check digit must be valid. Returns where the card's digits start.
    static func groupedCardNumber(_ bytes: UnsafeRawBufferPointer, at i: Int, context: Context) -> Int? {
        let n = bytes.count
        var firstDigits = [UInt8]()
        firstDigits.reserveCapacity(16)
        var separated = false
        var j = i
        while j < n && firstDigits.count <= 16 {
            let b = bytes[j]
            if isDigit(b) {
                firstDigits.append(b)
                j += 1
            } else if (b == UInt8(ascii: " ") || b == UInt8(ascii: "-")) && j + 1 < n && isDigit(bytes[j + 1])
                && j > i && isDigit(bytes[j - 1])
            {
                separated = true
                j += 1
            } else {
                break
            }
        }
        let count = firstDigits.count
        func card(_ from: Int) -> Bool {
            guard count - from == 14, firstDigits[from] == UInt8(ascii: "2") else { return false }
            return firstDigits[from...].withUnsafeBytes { raw in PersonalDataShapes.isPatronCardNumber(raw) }
        }
        // In a value: the parsers' definition (any check digit), so nothing they keep is a finding.
        if context == .value {
            if count == 14 && firstDigits[0] == UInt8(ascii: "2") { return i }
            return PersonalDataShapes.writtenCardNumber(bytes, at: i) ? i : nil
        }
        if separated && card(0) { return i }
        if count == 15 && card(1) && bytes[i] == UInt8(ascii: "0") { return i }
        return nil
    }

    /// Whether "YYYY-" ends right before `i`: the first part of a month column's "YYYY-MM".
    @inline(__always)
    private static func followsYearAndDash(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        guard i >= 5, bytes[i - 1] == UInt8(ascii: "-") else { return false }
        return isDigit(bytes[i - 5]) && isDigit(bytes[i - 4]) && isDigit(bytes[i - 3]) && isDigit(bytes[i - 2])
    }

    /// "01" to "12".
    @inline(__always)
    private static func isMonth(_ tens: UInt8, _ units: UInt8) -> Bool {
        (tens == UInt8(ascii: "0") && units != UInt8(ascii: "0")) || (tens == UInt8(ascii: "1") && units &- 48 < 3)
    }

    /// North American numbers written with separators (the definition the parsers share).
    static func phoneLength(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
        PersonalDataShapes.phoneNumberLength(bytes, at: start)
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
