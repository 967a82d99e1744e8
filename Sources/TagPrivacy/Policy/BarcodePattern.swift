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

    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch (characters, checkDigit) {
        case (.digits, .luhn):
            // The Luhn check refuses any non-digit itself, so the shape's separate pass over
            // the characters would only repeat it (every tag a gate sees comes through here).
            return matchesLengthAndPrefix(bytes) && Luhn.isValid(bytes)
        default:
            return matchesShape(bytes) && checkDigitValid(bytes)
        }
    }

    @inline(__always)
    func matchesLengthAndPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= minLength, bytes.count <= maxLength else { return false }
        guard prefixBytes.count <= bytes.count else { return false }
        for index in prefixBytes.indices where bytes[index] != prefixBytes[index] { return false }
        return true
    }

    /// Gates judge every tag they see, so matching works on the contiguous UTF-8 bytes rather
    /// than through String's index machinery.
    static func withBytes<R>(_ value: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = value.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(value.utf8).withUnsafeBufferPointer(body)
    }

    func matchesShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard matchesLengthAndPrefix(bytes) else { return false }
        switch characters {
        case .digits:
            if !DigitWords.allDigits(bytes) { return false }
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

    /// Eight digits per step (see `DigitWords`) from the right, where a word's doubled digits
    /// always sit in the same byte lanes; what is left at the left end goes digit by digit.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        var sum = 0
        var end = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while end >= 8 {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self))
                guard let digits = DigitWords.digitValues(word) else { return false }
                // Counted from the right end of the word, digits 1, 3, 5, 7 (the check digit's
                // neighbour first) double; read little-endian, those are lanes 6, 4, 2, 0.
                sum &+= DigitWords.laneSum(DigitWords.doubledForLuhn(digits & 0x00FF_00FF_00FF_00FF))
                sum &+= DigitWords.laneSum(digits & 0xFF00_FF00_FF00_FF00)
                end -= 8
            }
            // Fewer than 8 digits left at the left end of a longer value: the first word again,
            // keeping only its first `end` lanes (the rest were summed above). Counted from the
            // right, lane j sits at position end - 1 - j of this part, so lanes with the same
            // parity as `end` double.
            if end > 0 && bytes.count >= 8 {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
                guard let all = DigitWords.digitValues(word) else { return false }
                let digits = all & (UInt64.max >> UInt64(64 - 8 * end))
                let doubledLanes: UInt64 = end % 2 == 0 ? 0x00FF_00FF_00FF_00FF : 0xFF00_FF00_FF00_FF00
                sum &+= DigitWords.laneSum(DigitWords.doubledForLuhn(digits & doubledLanes))
                sum &+= DigitWords.laneSum(digits & ~doubledLanes)
                end = 0
            }
        }
        // Short values, digit by digit from the right; position `bytes.count - 1 - index`.
        var index = end - 1
        while index >= 0 {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return false }
            if (bytes.count - 1 - index) % 2 == 1 {
                let twice = Int(digit) &* 2
                sum &+= twice > 9 ? twice &- 9 : twice
            } else {
                sum &+= Int(digit)
            }
            index -= 1
        }
        return sum % 10 == 0
    }

    /// The check digit to append to a payload (used by tests and generators).
    public static func checkDigit(for payload: String) -> Int? {
        for digit in 0...9 where isValid(payload + String(digit)) { return digit }
        return nil
    }
}

/// ASCII digits eight at a time in one 64-bit word (a byte per lane), for the checks a gate
/// runs on every barcode it sees. No lane ever carries into its neighbour: every step keeps each
/// byte within 0...255 on its own.
enum DigitWords {
    static let lowNibbles: UInt64 = 0x0F0F_0F0F_0F0F_0F0F
    static let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The digit values (0-9 per lane) of eight ASCII bytes, or nil if any byte is not a digit.
    static func digitValues(_ word: UInt64) -> UInt64? {
        // A digit is 0x30-0x39: high nibble 3, and a low nibble that stays below 16 after adding 6.
        guard word & highNibbles == 0x3030_3030_3030_3030 else { return nil }
        let low = word & lowNibbles
        guard (low &+ 0x0606_0606_0606_0606) & highNibbles == 0 else { return nil }
        return low
    }

    /// Each lane's digit d (0-9) replaced by the Luhn value of 2d: 2d, less 9 when d >= 5.
    /// Lanes the caller masked to zero stay zero.
    static func doubledForLuhn(_ digits: UInt64) -> UInt64 {
        // d + 3 reaches 8 (bit 3) exactly when d >= 5; 2d <= 18 stays inside its lane, and
        // where 9 is taken away 2d is at least 10, so no lane borrows from its neighbour.
        let atLeastFive = ((digits &+ 0x0303_0303_0303_0303) >> 3) & ones
        return (digits << 1) &- (atLeastFive &* 9)
    }

    /// Sum of the eight lanes: the multiplication adds every lane into the top one, exact while
    /// the sum stays below 256 (here at most 8 x 9).
    static func laneSum(_ lanes: UInt64) -> Int {
        Int(truncatingIfNeeded: (lanes &* ones) >> 56)
    }

    /// Whether every byte is an ASCII digit, eight bytes a step (overlapping at the end).
    static func allDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress), bytes.count >= 8 else {
            for c in bytes where c < 0x30 || c > 0x39 { return false }
            return true
        }
        var offset = 0
        while offset < bytes.count {
            let start = min(offset, bytes.count - 8)
            if digitValues(base.loadUnaligned(fromByteOffset: start, as: UInt64.self)) == nil { return false }
            offset += 8
        }
        return true
    }
}
