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
    public var prefix: String {
        didSet { prefixBytes = Array(prefix.utf8) }
    }
    private var prefixBytes: [UInt8]
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
        self.prefixBytes = Array(prefix.utf8)
        self.minLength = minLength
        self.maxLength = maxLength
        self.characters = characters
        self.checkDigit = checkDigit
    }

    /// Whether the value has the pattern's shape (prefix, length, characters), check digit aside.
    public func matchesShape(_ value: String) -> Bool {
        Self.withBytes(value) { matchesShape($0) }
    }

    public func checkDigitValid(_ value: String) -> Bool {
        Self.withBytes(value) { checkDigitValid($0) }
    }

    public func matches(_ value: String) -> Bool {
        Self.withBytes(value) { matches($0) }
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { matchesShape(bytes) && checkDigitValid(bytes) }

    /// Gates judge every tag they see, so matching works on the contiguous UTF-8 bytes rather
    /// than through String's index machinery.
    static func withBytes<R>(_ value: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = value.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(value.utf8).withUnsafeBufferPointer(body)
    }

    func matchesShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= minLength, bytes.count <= maxLength else { return false }
        guard prefixBytes.count <= bytes.count else { return false }
        for index in prefixBytes.indices where bytes[index] != prefixBytes[index] { return false }
        switch characters {
        case .digits:
            for c in bytes where c < 0x30 || c > 0x39 { return false }
        case .alphanumeric:
            for c in bytes where !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A)) { return false }
        }
        return true
    }

    func checkDigitValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch checkDigit {
        case .none: true
        case .luhn: Luhn.isValid(bytes)
        }
    }
}

/// The Luhn check over a digit string whose last digit is the check digit.
public enum Luhn {
    public static func isValid(_ value: String) -> Bool {
        BarcodePattern.withBytes(value) { isValid($0) }
    }

    /// Works on digit pairs, the first of each doubled, so there is no alternating flag to carry
    /// from one digit to the next; doubling is branch-free (2d, less 9 when 2d > 9).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        var sum = 0
        var highest: UInt8 = 0  // above 9 when some byte is not a digit
        // Digits in odd positions counted from the right (the check digit is position 0) double,
        // so with an odd count the first digit stands alone, undoubled.
        var index = 0
        if bytes.count % 2 == 1 {
            let digit = bytes[0] &- 0x30
            highest = digit
            sum = Int(digit)
            index = 1
        }
        while index < bytes.count {
            let doubled = bytes[index] &- 0x30
            let plain = bytes[index + 1] &- 0x30
            highest = max(highest, doubled, plain)
            let twice = Int(doubled) &* 2
            sum &+= twice &- (twice > 9 ? 9 : 0) &+ Int(plain)
            index &+= 2
        }
        return highest <= 9 && sum % 10 == 0
    }

    /// The check digit to append to a payload (used by tests and generators).
    public static func checkDigit(for payload: String) -> Int? {
        for digit in 0...9 where isValid(payload + String(digit)) { return digit }
        return nil
    }
}
