import PropertyBased
import RFIDCommon
@testable import TagCodec
import Testing

/// What the encoder writes: the primary item identifier alone, most compact, zero-filled.
@Suite struct Part2Encoding {
    @Test func aFourteenDigitItemBarcodeIsNineBytesThenZeros() throws {
        let image = try ISO28560Part2.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 28)
        #expect(image.count == 112)
        #expect(Array(image.prefix(9)) == (try Hex.decode("11061E2FE1C5638800")))
        #expect(image.dropFirst(9).allSatisfy { $0 == 0 })
    }

    @Test(arguments: [3, 4, 8])
    func theImageFillsEveryBlockOfTheTag(blockSize: Int) throws {
        let image = try ISO28560Part2.encode(primaryItemIdentifier: "30234000517861", blockSize: blockSize, blockCount: 10)
        #expect(image.count == blockSize * 10)
        #expect(try ISO28560Part2.decode(image).primaryItemIdentifier == "30234000517861")
    }

    @Test func aBarcodeThatDoesNotFitIsRefusedWithTheSizes() {
        #expect(throws: TagCodecError(.doesNotFit, oid: 1, "the identifier needs 9 bytes but the tag holds 6 (2 blocks of 3)")) {
            try ISO28560Part2.encode(primaryItemIdentifier: "33191000105864", blockSize: 3, blockCount: 2)
        }
    }

    @Test func theSchemeChosenIsTheMostCompact() {
        #expect(Compaction.mostCompact("33191000105864").scheme == .integer)
        #expect(Compaction.mostCompact("0012345").scheme == .numeric)
        #expect(Compaction.mostCompact("ABCDE").scheme == .fiveBit)
        #expect(Compaction.mostCompact("AB-123").scheme == .sixBit)
        #expect(Compaction.mostCompact("ab12").scheme == .sevenBit)
        #expect(Compaction.mostCompact("é").scheme == .octet)
        #expect(Compaction.mostCompact("€").scheme == .utf8)
    }

    @Test func randomAcceptedItemBarcodesRoundTripAtEveryBlockSize() async {
        let payload = Gen.number.string(of: 12)
        await propertyCheck(count: 300, input: payload, Gen.element(of: [3, 4, 8])) { digits, blockSize in
            let body = "3" + digits
            let barcode = body + String(luhnCheckDigit(body))
            let image = try? ISO28560Part2.encode(primaryItemIdentifier: barcode, blockSize: blockSize ?? 4, blockCount: 28)
            let tag = image.flatMap { try? ISO28560Part2.decode($0) }
            #expect(tag?.primaryItemIdentifier == barcode)
            #expect(tag?.elements.count == 1)
            #expect(tag.map { $0.memory[$0.endOfData...].allSatisfy { $0 == 0 } } == true)
        }
    }

    @Test func everySchemeTheEncoderCanChooseRoundTrips() async {
        // Alphabets that steer the encoder to each scheme in turn, with the scheme each must
        // land on (the first character is fixed where the alphabet alone would allow a more
        // compact scheme for some draws, e.g. all-digit text for the 6-bit alphabet).
        let cases: [(alphabet: [Character], first: Character?, scheme: CompactionScheme)] = [
            (Array("123456789"), nil, .integer), (Array("0123456789"), "0", .numeric),
            (Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), nil, .fiveBit), (Array("ABC-0123:/."), "-", .sixBit),
            (Array("abcxyz0129!~"), "a", .sevenBit), (Array("éàüß"), nil, .octet), (Array("€✓"), nil, .utf8),
        ]
        for c in cases {
            await propertyCheck(count: 100, input: Gen.element(of: c.alphabet).array(of: 1...20)) { chars in
                let text = String(c.first.map { [$0] } ?? []) + String(chars.compactMap { $0 })
                let (scheme, bytes) = Compaction.mostCompact(text)
                #expect(scheme == c.scheme, "\(text)")
                let decoded = try? Compaction.decode(bytes[...], scheme: scheme)
                #expect(decoded == text, "\(scheme.name)")
                // And through a whole tag image, at every block size the encoder lays out for.
                for blockSize in [3, 4, 8] {
                    let image = try? ISO28560Part2.encode(primaryItemIdentifier: text, blockSize: blockSize, blockCount: 28)
                    let tag = image.flatMap { try? ISO28560Part2.decode($0) }
                    #expect(tag?.primaryItemIdentifier == text, "\(scheme.name), blocks of \(blockSize)")
                    #expect(tag?.elements.first?.compaction == c.scheme)
                    #expect(tag.map { $0.memory[$0.endOfData...].allSatisfy { $0 == 0 } } == true)
                }
            }
        }
    }

    @Test func longDigitStringsUseTheBigIntegerPath() throws {
        let text = "98765432109876543210123"
        let bytes = try #require(Compaction.encode(text, scheme: .integer))
        #expect(try Compaction.decode(bytes[...], scheme: .integer) == text)
    }

    func luhnCheckDigit(_ body: String) -> Int {
        var sum = 0
        for (index, c) in body.reversed().enumerated() {
            var d = Int(c.asciiValue! - 48)
            if index % 2 == 0 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return (10 - sum % 10) % 10
    }
}

/// Found by the fuzzer: text whose last character looks like a whole group of pad.
@Suite struct PadAmbiguity {
    @Test func aTrailingDELNeverUsesSevenBit() throws {
        let text = "0\u{08}\u{02}\u{14}\u{7F}\u{7F}\u{7F}\u{7F}"
        #expect(Compaction.encode(text, scheme: .sevenBit) == nil)
        let (scheme, bytes) = Compaction.mostCompact(text)
        #expect(try Compaction.decode(bytes[...], scheme: scheme) == text)
    }

    @Test func aTrailingSpaceFillingTheLastByteNeverUsesSixBit() throws {
        #expect(Compaction.encode("ABC ", scheme: .sixBit) == nil)
        #expect(Compaction.encode("AB C", scheme: .sixBit) != nil)
        let (scheme, bytes) = Compaction.mostCompact("ABC ")
        #expect(try Compaction.decode(bytes[...], scheme: scheme) == "ABC ")
    }
}
