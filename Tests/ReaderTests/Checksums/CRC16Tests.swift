import ReaderProtocols
import Testing

@Suite("CRC-16 variants used by HF readers")
struct CRC16Tests {
    @Test("MCRF4XX of the standard check string is 0x6F91")
    func mcrf4xxCheckValue() {
        #expect(CRC16.mcrf4xx(Array("123456789".utf8)) == 0x6F91)
    }

    @Test("GENIBUS of the standard check string is 0xD64E")
    func genibusCheckValue() {
        #expect(CRC16.genibus(Array("123456789".utf8)) == 0xD64E)
    }

    @Test("ISO 15693 air CRC of the standard check string is 0x906E (X-25)")
    func airCheckValue() {
        #expect(CRC16.iso15693(Array("123456789".utf8)) == 0x906E)
    }

    @Test("GENIBUS reproduces the 3M reference frame D6 00 09 03 00 02 00 00 00 03 12 E6")
    func genibusReferenceFrame() {
        let body: [UInt8] = [0x00, 0x09, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03]
        #expect(CRC16.genibus(body) == 0x12E6)
    }

    @Test("air CRC reproduces the one-slot inventory 26 01 00 F6 0A")
    func airInventoryExample() {
        #expect(CRC16.appendingISO15693([0x26, 0x01, 0x00]) == [0x26, 0x01, 0x00, 0xF6, 0x0A])
    }

    @Test("air CRC reproduces the addressed read of block 8")
    func airReadExample() {
        let request: [UInt8] = [0x22, 0x20, 0x91, 0xC6, 0x02, 0xB9, 0x50, 0x01, 0x04, 0xE0, 0x08]
        #expect(CRC16.appendingISO15693(request) == request + [0x06, 0x90])
    }

    @Test("MCRF4XX reproduces the FEIG version request 05 FF 65 E5 CB")
    func mcrf4xxFEIGExample() {
        #expect(CRC16.mcrf4xx([0x05, 0xFF, 0x65]) == 0xCBE5)
    }
}
