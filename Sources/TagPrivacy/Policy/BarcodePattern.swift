/// One shape of barcode a site accepts or refuses. Deliberately not a regular expression: the
/// few properties below are what library barcode schemes differ in, they can be checked without
/// allocation on every tag a gate sees, and staff can read them in the policy file.
public struct BarcodePattern: Sendable, Equatable {
    public enum Characters: String, Sendable, CaseIterable {
        case digits
        /// A-Z and 0-9 (upper case only, as barcode symbologies print them).
        case alphanumeric
    }

    public enum CheckDigit: String, Sendable, CaseIterable {
        case none
        /// The Luhn (mod 10) check US Codabar library barcodes use.
        case luhn
    }

    public var name: String
    public var prefix: String
    public var minLength: Int
    public var maxLength: Int
    public var characters: Characters
    public var checkDigit: CheckDigit

    public init(
        name: String, prefix: String = "", minLength: Int, maxLength: Int, characters: Characters = .digits,
        checkDigit: CheckDigit = .none
    ) {
        self.name = name
        self.prefix = prefix
        self.minLength = minLength
        self.maxLength = maxLength
        self.characters = characters
        self.checkDigit = checkDigit
    }

    /// Whether the value has the pattern's shape (prefix, length, characters), check digit aside.
    public func matchesShape(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard utf8.count >= minLength, utf8.count <= maxLength else { return false }
        guard utf8.starts(with: prefix.utf8) else { return false }
        for c in utf8 {
            switch characters {
            case .digits: guard c >= 0x30 && c <= 0x39 else { return false }
            case .alphanumeric: guard (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) else { return false }
            }
        }
        return true
    }

    public func checkDigitValid(_ value: String) -> Bool {
        switch checkDigit {
        case .none: true
        case .luhn: Luhn.isValid(value)
        }
    }

    public func matches(_ value: String) -> Bool { matchesShape(value) && checkDigitValid(value) }
}

/// The Luhn check over a digit string whose last digit is the check digit.
public enum Luhn {
    public static func isValid(_ value: String) -> Bool {
        var sum = 0
        var double = false
        var count = 0
        for c in value.utf8.reversed() {
            guard c >= 0x30 && c <= 0x39 else { return false }
            var digit = Int(c - 0x30)
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            double.toggle()
            count += 1
        }
        return count >= 2 && sum % 10 == 0
    }

    /// The check digit to append to a payload (used by tests and generators).
    public static func checkDigit(for payload: String) -> Int? {
        for digit in 0...9 where isValid(payload + String(digit)) { return digit }
        return nil
    }
}
