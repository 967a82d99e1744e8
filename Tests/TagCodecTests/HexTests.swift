import RFIDCommon
import Testing

@Suite struct HexParsing {
    @Test func acceptsSeparatorsAndPrefix() throws {
        #expect(try Hex.decode("0x11 06:1E-2F") == [0x11, 0x06, 0x1E, 0x2F])
    }

    @Test func namesTheOffendingCharacter() {
        #expect(throws: Hex.ParseError(characterOffset: 2, reason: "not a hex digit")) { try Hex.decode("11G6") }
        #expect(throws: Hex.ParseError(characterOffset: 2, reason: "odd number of hex digits")) {
            try Hex.decode("110")
        }
    }

    @Test func encodesUpperCase() {
        #expect(Hex.encode([0xE0, 0x04, 0x0a]) == "E0040A")
        #expect(Hex.encode([0xE0, 0x04], separator: " ") == "E0 04")
    }
}
