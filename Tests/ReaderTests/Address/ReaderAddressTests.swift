import ReaderCore
import Testing

@Suite("Reader addresses")
struct ReaderAddressTests {
    @Test func serialAddressCarriesPathAndOptions() throws {
        let a = try ReaderAddress(parsing: "feig:/dev/ttyUSB0?baud=38400&framing=8E1&timeout=500ms&address=3")
        #expect(a.driver == .feig)
        #expect(a.kind == .serial(path: "/dev/ttyUSB0"))
        #expect(a.baud == 38400)
        #expect(a.framing == .init(dataBits: 8, parity: .even, stopBits: 1))
        #expect(a.framing?.bitsPerByte == 11)
        #expect(a.timeout == .milliseconds(500))
        #expect(a.busAddress == 3)
    }

    @Test func parityIsAnAliasOfFramingAndSecondsAreAccepted() throws {
        let a = try ReaderAddress(parsing: "3m810:/dev/ttyUSB1?parity=8N1&timeout=2s")
        #expect(a.driver == .threeM810)
        #expect(a.framing?.bitsPerByte == 10)
        #expect(a.timeout == .seconds(2))
    }

    @Test func tcpAddressCarriesHostAndPort() throws {
        let a = try ReaderAddress(parsing: "feig+tcp://10.0.0.5:10001")
        #expect(a.kind == .tcp(host: "10.0.0.5", port: 10001))
        let v6 = try ReaderAddress(parsing: "feig+tcp://[fe80::1]:10001")
        #expect(v6.kind == .tcp(host: "fe80::1", port: 10001))
    }

    @Test func usbAddressMayNameVendorProductAndSerial() throws {
        #expect(try ReaderAddress(parsing: "feig-usb:").kind == .usb(vendorID: nil, productID: nil, serial: nil))
        #expect(
            try ReaderAddress(parsing: "feig-usb:0ab1:0004").kind
                == .usb(vendorID: 0x0AB1, productID: 0x0004, serial: nil))
        #expect(
            try ReaderAddress(parsing: "feig-usb:0ab1:0004:A1B2").kind
                == .usb(vendorID: 0x0AB1, productID: 0x0004, serial: "A1B2"))
        #expect(try ReaderAddress(parsing: "acr1552u:").driver == .acr1552u)
    }

    @Test func feigFamilyPicksTheSetOutputCommandFamily() throws {
        #expect(try ReaderAddress(parsing: "feig:/dev/ttyUSB0?family=cpr").feigFamily == .cpr)
        #expect(try ReaderAddress(parsing: "feig-usb:?family=ISC").feigFamily == .isc)
        #expect(try ReaderAddress(parsing: "feig:/dev/ttyUSB0").feigFamily == nil)
    }

    @Test func otherFormsParse() throws {
        #expect(try ReaderAddress(parsing: "trf7970a:/dev/ttyACM0").kind == .serial(path: "/dev/ttyACM0"))
        #expect(try ReaderAddress(parsing: "mock:/tmp/state.json").kind == .stateFile(path: "/tmp/state.json"))
        #expect(try ReaderAddress(parsing: "emulated:") == .emulated)
    }

    @Test(arguments: [
        "feig:/dev/ttyUSB0?baud=38400&framing=8E1&timeout=500ms&address=3", "feig+tcp://reader.local:10001",
        "feig-usb:0ab1:0004:XY", "feig-usb:", "mock:/tmp/s.json", "emulated:", "trf7970a:/dev/ttyACM0",
        "feig:/dev/ttyS0?family=cpr",
    ])
    func descriptionParsesBackToTheSameAddress(text: String) throws {
        let a = try ReaderAddress(parsing: text)
        #expect(try ReaderAddress(parsing: a.description) == a)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        var text: String
        var part: ReaderAddressError.Part
        var position: Int
        var description: String { text }
    }

    @Test(arguments: [
        BadCase(text: "/dev/ttyUSB0", part: .scheme, position: 0),
        BadCase(text: "philips:/dev/ttyUSB0", part: .scheme, position: 0),
        BadCase(text: "feig:", part: .path, position: 5),
        BadCase(text: "feig:/dev/tty USB0", part: .path, position: 13),
        BadCase(text: "mock:", part: .path, position: 5),
        BadCase(text: "emulated:x", part: .path, position: 9),
        BadCase(text: "feig+tcp:host:1", part: .host, position: 9),
        BadCase(text: "feig+tcp://:10001", part: .host, position: 11),
        BadCase(text: "feig+tcp://ho st:10001", part: .host, position: 13),
        BadCase(text: "feig+tcp://[fe80::1:10001", part: .host, position: 11),
        BadCase(text: "feig+tcp://host", part: .port, position: 15),
        BadCase(text: "feig+tcp://host:99999", part: .port, position: 16),
        BadCase(text: "feig-usb:0ab", part: .vendorID, position: 9),
        BadCase(text: "feig-usb:0ab1", part: .productID, position: 13),
        BadCase(text: "feig-usb:0ab1:zz04", part: .productID, position: 14),
        BadCase(text: "feig-usb:0ab1:0004:", part: .serial, position: 19),
        BadCase(text: "feig:/dev/ttyUSB0?", part: .option, position: 18),
        BadCase(text: "feig:/dev/ttyUSB0?baud", part: .option, position: 18),
        BadCase(text: "feig:/dev/ttyUSB0?speed=9600", part: .option, position: 18),
        BadCase(text: "feig:/dev/ttyUSB0?baud=12345", part: .baud, position: 23),
        BadCase(text: "feig:/dev/ttyUSB0?baud=38400&framing=8X1", part: .framing, position: 37),
        BadCase(text: "feig:/dev/ttyUSB0?timeout=fast", part: .timeout, position: 26),
        BadCase(text: "feig:/dev/ttyUSB0?timeout=5min", part: .timeout, position: 27),
        BadCase(text: "feig:/dev/ttyUSB0?address=255", part: .address, position: 26),
        BadCase(text: "feig:/dev/ttyUSB0?family=lr", part: .family, position: 25),
        BadCase(text: "3m810:/dev/ttyUSB0?family=cpr", part: .family, position: 19),
    ])
    func malformedAddressNamesThePartAndPosition(bad: BadCase) {
        #expect {
            _ = try ReaderAddress(parsing: bad.text)
        } throws: { error in
            guard let e = error as? ReaderAddressError else { return false }
            return e.part == bad.part && e.position == bad.position && e.exitStatus == .usage
                && e.description.contains(bad.part.rawValue)
        }
    }
}
