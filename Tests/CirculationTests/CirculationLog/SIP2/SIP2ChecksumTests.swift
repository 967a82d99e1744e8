import CirculationLog
import Testing

@Suite("SIP2 checksum")
struct SIP2ChecksumTests {
    static let referenceChecks = ["941AY0AZFDFD", "990 402.00AY1AZFCB4"]
    static let publicExamples = [
        "11YN19960212    10051419960212    100514AO|AA104000000105|AB000000000005792|AC|AY3AZEDC2",
        "09N19980821    085721                  APCertification Terminal Location|AOCertification Institute ID|ABCheckInBook|ACTPWord|BIN|AY2AZD6A5",
        "101YNN19980821    085721AOCertification Institute ID|ABCheckInBook|AQPermanent Location for CheckinBook, Language 1|AJTitle For CheckinBook|AAGoodPatron1|CK001|CHCheckinBook Properties|CLsort bin A1|AFScreen Message for CheckInBook|AGPrint Line for CheckInBook|AY2AZA3FF",
        "1719980723    100000AOCertification Institute ID|ABItemBook|AY1AZEBEB",
    ]

    @Test("the reference checks and every public example verify", arguments: referenceChecks + publicExamples)
    func referenceMessagesVerify(message: String) {
        let parsed = SIP2LineParser(source: .selfCheck).parse(Array(message.utf8))
        #expect(parsed.checksum == .valid)
        if case .malformed(let problem) = parsed.outcome { Issue.record("malformed: \(problem)") }
    }

    @Test("computing the checksum reproduces the stated trailer")
    func computeMatchesTrailer() {
        for message in Self.referenceChecks + Self.publicExamples {
            let bytes = Array(message.utf8)
            #expect(SIP2Checksum.text(of: Array(bytes.dropLast(4))) == String(message.suffix(4)))
        }
    }

    @Test("a changed byte makes the checksum invalid, and the line is still parsed")
    func corruptedChecksum() {
        let parsed = SIP2LineParser(source: .selfCheck).parse(Array("941AY0AZFDFE".utf8))
        #expect(parsed.checksum == .invalid)
        #expect(parsed.outcome == .other)
    }

    @Test("a message without AY/AZ is accepted with no checksum verdict")
    func absentChecksum() {
        let parsed = SIP2LineParser(source: .selfCheck).parse(Array("941".utf8))
        #expect(parsed.checksum == .absent)
        #expect(parsed.outcome == .other)
    }

    @Test("lower-case hex in the trailer is accepted")
    func lowerCaseHex() {
        let parsed = SIP2LineParser(source: .selfCheck).parse(Array("941AY0AZfdfd".utf8))
        #expect(parsed.checksum == .valid)
    }

    /// The word-at-a-time sum must equal the plain byte sum for every length and byte value,
    /// including runs of 0xFF long enough to fill the 16-bit lanes.
    @Test("the fast checksum equals a plain byte sum for lengths 0 to 1100")
    func fastSumEqualsPlainSum() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...1100 {
            let random = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for bytes in [random, [UInt8](repeating: 0xFF, count: length)] {
                let plain = bytes.reduce(UInt32(0)) { $0 &+ UInt32($1) }
                let expected = UInt16(truncatingIfNeeded: 0 &- plain)
                #expect(bytes.withUnsafeBytes { SIP2Checksum.compute($0) } == expected, "length \(length)")
            }
        }
    }
}
