import CirculationLog
import PropertyBased
import Testing

@Suite("SIP2 parser properties")
struct SIP2ParserProperties {
    static let sip2Alphabet = Array("0123456789|AYZOBQPCKRDEFGHX -T:.\r\n\u{0}".utf8) + [0xFF, 0xC3]
    let parser = SIP2LineParser(source: .staffStation, allowLists: TestAllowLists.anyItem)

    /// A malformed verdict must point inside the line (or just after it).
    func checkInvariants(_ bytes: [UInt8]) {
        let parsed = parser.parse(bytes)
        switch parsed.outcome {
        case .malformed(let p):
            #expect((1...(bytes.count + 1)).contains(p.column ?? 1))
            #expect(!p.reason.isEmpty)
        case .transaction(let e):
            #expect((0...23).contains(e.hour))
            #expect(e.day.utf8.count == 10)
            #expect(e.source == .staffStation)
        case .blank, .other: break
        }
    }

    @Test("arbitrary bytes never crash the parser, and a problem always has a place")
    func arbitraryBytes() async {
        await propertyCheck(count: 2_000, input: Gen.uint8().array(of: 0...300)) { checkInvariants($0) }
    }

    @Test("near-SIP2 noise (digits, codes, pipes, trailers) never crashes the parser")
    func nearSIP2() async {
        await propertyCheck(count: 3_000, input: Gen.element(of: Self.sip2Alphabet).array(of: 0...120)) { tail in
            for prefix in ["12", "10", "30", "121YUY20260301    100000", "2026-03-01T10:00:00 12"] {
                checkInvariants(Array(prefix.utf8) + tail.compactMap { $0 })
            }
        }
    }

    @Test("kept fields come back exactly, patron fields never, whatever their values")
    func roundTrip() async {
        let value = Gen.letterOrNumber.string(of: 0...20)
        await propertyCheck(count: 500, input: value, value, value, value) { branch, item, media, patron in
            let body = "121YUY20260301    140000AO\(branch)|AA\(patron)|AB\(item)|CK\(media)|AE\(patron)|AY1AZ"
            let line = body + SIP2Checksum.text(of: Array(body.utf8))
            let parsed = parser.parse(Array(line.utf8))
            #expect(parsed.checksum == .valid)
            // An item value shaped like personal data is withheld (a card number can be drawn).
            // Branch and media type (or item type) pass only as codes; anything else is withheld.
            let withheld = Array(item.utf8).withUnsafeBytes { PersonalDataShapes.personalData(inItem: $0) } != nil
            let branchKept = CodeAllowList.anyCodeShaped.accepts(branch)
            let mediaKept = MediaTypeAllowList.accepts(media) || CodeAllowList.anyCodeShaped.accepts(media)
            #expect(
                parsed.outcome
                    == .transaction(
                        CirculationEvent(
                            action: .checkout, day: "2026-03-01", hour: 14, branch: branchKept ? branch : CodeAllowList.unknown,
                            location: "", mediaType: mediaKept ? media : "", collection: "", source: .staffStation,
                            item: withheld ? "" : item)))
            #expect(parsed.withheld.contains(.item) == withheld)
            #expect(parsed.withheld.contains(.branch) == !branchKept)
            #expect(parsed.withheld.contains(.mediaType) == !mediaKept)
        }
    }
}
