import Foundation
import RFIDCommon
import TagCodec
import TagPrivacy
import TestSupport
import Testing

/// The parts of the public tag vectors (Tests/Fixtures/vectors/tags.json) that state privacy facts:
/// the 14-digit Codabar barcodes (item or patron card, check digit valid or not) and the privacy
/// statement of ISO 28560-2 tags. Read from the file `SharedFiles.tagVectors` locates, as the
/// codec tests' `SharedVectors` does; decoded into types so that a renamed or missing field, or a
/// kind this suite does not know, fails loudly instead of being skipped. (The codec tests' loader
/// itself cannot be imported here: it belongs to another test target.)
struct SharedPrivacyVectors: Decodable {
    struct Codabar: Decodable {
        enum Kind: String, Decodable {
            case item
            case patron
        }

        var barcode: String
        var kind: Kind
        var checkDigitValid: Bool
    }

    struct Part2Tag: Decodable {
        struct Element: Decodable { var oid: Int }

        var name: String
        var dsfid: String
        var hex: String
        var elements: [Element]
        /// "compliant: ..." or "not compliant ...: ..."; absent when the vector states none.
        var privacy: String?
    }

    var codabar14: [Codabar]
    var iso28560_2: [Part2Tag]

    static func load() throws -> Self {
        try JSONDecoder().decode(Self.self, from: Data(contentsOf: SharedFiles.tagVectors))
    }
}

/// Every shared Codabar barcode gets from the default policy the verdict its stated facts imply,
/// and every stated tag privacy verdict is the verdict the guard gives.
@Suite struct SharedBarcodeVectors {
    let vectors: SharedPrivacyVectors
    init() throws { vectors = try SharedPrivacyVectors.load() }

    /// The rule the default policy must apply: a patron card is refused by `patron-card` whatever
    /// its check digit (a mistyped card number is still a card number); an item is accepted only
    /// with a valid check digit.
    static func expectedRule(_ vector: SharedPrivacyVectors.Codabar) -> String? {
        switch (vector.kind, vector.checkDigitValid) {
        case (.patron, _): "patron-card"
        case (.item, true): nil
        case (.item, false): "check-digit"
        }
    }

    @Test func theFileHasItemsAndPatronCardsWithValidAndInvalidCheckDigits() {
        #expect(vectors.codabar14.contains { $0.kind == .item && $0.checkDigitValid })
        #expect(vectors.codabar14.contains { $0.kind == .patron && $0.checkDigitValid })
        #expect(vectors.codabar14.contains { !$0.checkDigitValid })
    }

    @Test func theLuhnCheckAgreesWithEachStatedCheckDigit() throws {
        for vector in vectors.codabar14 {
            #expect(vector.barcode.utf8.count == 14, "\(vector.kind) barcode of the wrong length")
            #expect(Luhn.isValid(vector.barcode) == vector.checkDigitValid, "\(vector.barcode)")
            let payload = String(vector.barcode.prefix(13))
            let stated = try #require(Int(String(vector.barcode.suffix(1))))
            #expect((Luhn.checkDigit(for: payload) == stated) == vector.checkDigitValid, "\(vector.barcode)")
        }
    }

    @Test func theFirstDigitSaysPatronCardOrItemAsTheReferenceDefines() {
        for vector in vectors.codabar14 {
            #expect(vector.barcode.first == (vector.kind == .patron ? "2" : "3"), "\(vector.barcode)")
        }
    }

    @Test func theDefaultPolicyAcceptsExactlyTheValidItemsAndRefusesPatronCardsByRule() {
        for vector in vectors.codabar14 {
            #expect(BarcodePolicy.default.refusal(for: vector.barcode)?.id == Self.expectedRule(vector), "\(vector.barcode)")
        }
    }

    @Test func onlyAcceptedBarcodesBecomeTagImagesAndARefusalNeverQuotesTheBarcode() throws {
        for vector in vectors.codabar14 {
            do {
                let image = try PrivacyGuard.imageForWriting(barcode: vector.barcode, blockSize: 4, blockCount: 28)
                #expect(Self.expectedRule(vector) == nil, "\(vector.barcode) was written")
                let tag = try TagDecoder.decode(image, dsfid: TagFormat.iso28560_2.dsfid)
                #expect(tag.primaryItemIdentifier == vector.barcode)
            } catch let refusal as BarcodeRefusal {
                #expect(refusal.rule.id == Self.expectedRule(vector), "\(vector.barcode)")
                #expect(refusal.exitStatus == .refused)
                #expect(!refusal.description.contains(vector.barcode))
            }
        }
    }

    @Test func everyStatedTagPrivacyVerdictIsTheGuardsVerdict() throws {
        var stated = 0
        for vector in vectors.iso28560_2 {
            guard let statement = vector.privacy else { continue }
            stated += 1
            let tag = try TagDecoder.decode(try Hex.decode(vector.hex), dsfid: try Hex.decode(vector.dsfid).first)
            let verdict = PrivacyGuard.verdict(for: tag)
            if statement.hasPrefix("compliant") {
                #expect(verdict.compliant, "\(vector.name): \(verdict.violations.map(\.description))")
            } else if statement.hasPrefix("not compliant") {
                #expect(!verdict.compliant, "\(vector.name)")
                // Whatever the prose lists, each element besides the item identifier (OID 1) is
                // extra data on a tag of this project, and the verdict must name it.
                let extra = Set(verdict.violations.filter { $0.kind == .extraElement }.compactMap(\.oid))
                #expect(extra == Set(vector.elements.map(\.oid).filter { $0 != 1 }), "\(vector.name)")
            } else {
                Issue.record("\(vector.name): a privacy statement that is neither compliant nor not compliant")
            }
        }
        #expect(stated >= 2, "the shared file states fewer privacy verdicts than this suite was written for")
    }
}
