import EmulatedReaders
import ReaderCore
import ReaderDrivers
import Testing

extension ReaderAddress {
    /// Parsed with the table `rfid-station` uses: the production drivers, the demo and the mock.
    init(parsing text: String) throws(ReaderAddressError) {
        self = try EmulatedReaders.table.address(parsing: text)
    }
}

@Suite("Reader addresses")
struct ReaderAddressTests {
    @Test func serialAddressCarriesPathAndOptions() throws {
        let a = try ReaderAddress(parsing: "feig:/dev/ttyUSB0?baud=38400&framing=8E1&timeout=500ms&address=3")
        #expect(a.driver == "feig")
        #expect(a.kind == .serial(path: "/dev/ttyUSB0"))
        #expect(a.baud == 38400)
        #expect(a.framing == .init(dataBits: 8, parity: .even, stopBits: 1))
        #expect(a.framing?.bitsPerByte == 11)
        #expect(a.timeout == .milliseconds(500))
        #expect(a.driverOptions == ["address": "3"])
        #expect(FEIGAddressOptions.busAddress(of: a) == 3)
    }

    @Test func parityIsAnAliasOfFramingAndSecondsAreAccepted() throws {
        let a = try ReaderAddress(parsing: "3m810:/dev/ttyUSB1?parity=8N1&timeout=2s")
        #expect(a.driver == "3m810")
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
        #expect(try ReaderAddress(parsing: "acr1552u:").driver == "acr1552u")
    }

    @Test func feigFamilyPicksTheSetOutputCommandFamily() throws {
        let cpr = try ReaderAddress(parsing: "feig:/dev/ttyUSB0?family=cpr")
        #expect(cpr.driverOptions["family"] == "cpr")
        #expect(FEIGAddressOptions.family(of: cpr) == .cpr)
        #expect(FEIGAddressOptions.family(of: try ReaderAddress(parsing: "feig-usb:?family=ISC")) == .isc)
        // Unsaid: ISC on a serial line or TCP, CPR over USB (the only FEIG USB ids known).
        let bare = try ReaderAddress(parsing: "feig:/dev/ttyUSB0")
        #expect(bare.driverOptions["family"] == nil)
        #expect(FEIGAddressOptions.family(of: bare) == .isc)
        #expect(FEIGAddressOptions.family(of: try ReaderAddress(parsing: "feig-usb:")) == .cpr)
    }

    /// The demo and mock readers are entries of their own: the production table does not know
    /// them, so a gate or station built without `EmulatedReaders` cannot open them by accident.
    @Test func theProductionTableKnowsNoEmulatedOrMockReader() {
        for text in ["emulated:", "mock:/tmp/state.json"] {
            #expect {
                _ = try ReaderDriverTable.standard.address(parsing: text)
            } throws: { error in
                guard let e = error as? ReaderAddressError else { return false }
                let known = e.reason.split(separator: "(known: ").last ?? ""
                return e.part == .scheme && e.position == 0 && e.reason.hasPrefix("unknown reader")
                    && !known.contains("emulated") && !known.contains("mock")
            }
        }
    }

    /// A driver option reaches the driver's own check; other drivers refuse it by name.
    @Test func driverOptionsAreCheckedByTheirDriver() throws {
        #expect(try ReaderAddress(parsing: "feig+tcp://10.0.0.5:10001?address=7").driverOptions == ["address": "7"])
        #expect {
            _ = try ReaderAddress(parsing: "trf7970a:/dev/ttyACM0?address=1")
        } throws: { error in
            (error as? ReaderAddressError)?.description
                == "reader address \"trf7970a:/dev/ttyACM0?address=1\": address at character 22: address applies to feig readers only"
        }
    }

    @Test func otherFormsParse() throws {
        #expect(try ReaderAddress(parsing: "trf7970a:/dev/ttyACM0").kind == .serial(path: "/dev/ttyACM0"))
        #expect(try ReaderAddress(parsing: "mock:/tmp/state.json").kind == .stateFile(path: "/tmp/state.json"))
        #expect(try ReaderAddress(parsing: "emulated:") == .emulated)
    }

    @Test(arguments: [
        "feig:/dev/ttyUSB0?baud=38400&framing=8E1&timeout=500ms&address=3", "feig+tcp://reader.local:10001",
        "feig-usb:0ab1:0004:XY", "feig-usb:", "mock:/tmp/s.json", "emulated:", "trf7970a:/dev/ttyACM0",
        "feig:/dev/ttyS0?family=cpr", "acr1552u:072f:2308", "3m810+tcp://10.0.0.6:4001?timeout=2s",
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
