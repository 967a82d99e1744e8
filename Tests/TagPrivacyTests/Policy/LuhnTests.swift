import PropertyBased
import TagPrivacy
import Testing

/// The Luhn check and the digit-only shape check work on eight digits per step; they must
/// agree with the textbook digit-by-digit definitions at every length and every position of a
/// stray character.
@Suite struct LuhnAndDigitChecks {
    /// The textbook definition, digit by digit from the right.
    static func textbookLuhn(_ value: String) -> Bool {
        let digits = value.utf8.map { Int($0) - 0x30 }
        guard digits.count >= 2, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    @Test func luhnAgreesWithTheTextbookDefinitionAtEveryLength() async {
        await propertyCheck(count: 2000, input: Gen.number.string(of: 0...40)) { digits in
            #expect(Luhn.isValid(digits) == Self.textbookLuhn(digits), "\(digits)")
        }
    }

    @Test func aCorrectCheckDigitValidatesAtEveryLength() async {
        await propertyCheck(count: 1000, input: Gen.number.string(of: 1...39)) { payload in
            let check = Luhn.checkDigit(for: payload)
            #expect(check != nil)
            #expect(Luhn.isValid(payload + String(check ?? 0)))
            #expect(!Luhn.isValid(payload + String(((check ?? 0) + 1) % 10)))
        }
    }

    @Test func anyNonDigitAnywhereFailsBothChecks() {
        let strays: [UInt8] = [0x00, 0x20, 0x2F, 0x3A, 0x41, 0x61, 0xB0, 0xFF]
        for length in 1...24 {
            let good = String(repeating: "0", count: length)
            for position in 0..<length {
                for stray in strays {
                    var bytes = Array(good.utf8)
                    bytes[position] = stray
                    let value = String(decoding: bytes, as: UTF8.self)
                    let pattern = BarcodePattern(name: "any", minLength: 1, maxLength: 64, characters: .digits)
                    #expect(!Luhn.isValid(value), "length \(length), position \(position), byte \(stray)")
                    #expect(!pattern.matchesShape(value), "length \(length), position \(position), byte \(stray)")
                }
            }
        }
    }

    @Test func digitStringsOfEveryLengthHaveTheDigitShape() {
        for length in 1...40 {
            let value = String((0..<length).map { Character(String($0 % 10)) })
            let pattern = BarcodePattern(name: "any", minLength: 1, maxLength: 64, characters: .digits)
            #expect(pattern.matchesShape(value), "length \(length)")
        }
    }
}
