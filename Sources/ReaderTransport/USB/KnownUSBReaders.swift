/// USB readers LibraryRFID has a driver for, by vendor and product id. Enumeration marks these;
/// `feig-usb:` with no ids opens the first FEIG in this table. Keep in step with
/// Hardware/udev/60-libraryrfid.rules and Hardware/supported-readers.md.
public struct KnownUSBReader: Sendable, Equatable {
    public var vendorID: UInt16
    public var productID: UInt16
    /// The reader-address scheme whose driver speaks to it ("feig", "acr1552u").
    public var driver: String
    public var model: String

    public init(vendorID: UInt16, productID: UInt16, driver: String, model: String) {
        self.vendorID = vendorID
        self.productID = productID
        self.driver = driver
        self.model = model
    }

    public static let all: [KnownUSBReader] = [
        // FEIG ID CPR40 / CPR74 desktop readers: ISO Host frames over plain bulk endpoints.
        KnownUSBReader(vendorID: 0x0AB1, productID: 0x0004, driver: "feig", model: "FEIG ID CPR40/CPR74"),
        // ACS ACR1552U: a CCID (smart-card class) reader; ISO 15693 through PC/SC pseudo-APDUs.
        KnownUSBReader(vendorID: 0x072F, productID: 0x2308, driver: "acr1552u", model: "ACS ACR1552U"),
    ]

    public static func lookup(vendorID: UInt16, productID: UInt16) -> KnownUSBReader? {
        all.first { $0.vendorID == vendorID && $0.productID == productID }
    }

    public static func forDriver(_ driver: String) -> [KnownUSBReader] { all.filter { $0.driver == driver } }
}

/// One device on the USB bus as enumeration saw it.
public struct USBDeviceInfo: Sendable, Equatable, CustomStringConvertible {
    public var vendorID: UInt16
    public var productID: UInt16
    public var bus: UInt8
    public var address: UInt8
    /// Read from the device's string descriptor when it could be opened (permissions allowing).
    public var serial: String?
    public var product: String?
    public var known: KnownUSBReader?

    public init(
        vendorID: UInt16, productID: UInt16, bus: UInt8, address: UInt8, serial: String? = nil, product: String? = nil
    ) {
        self.vendorID = vendorID
        self.productID = productID
        self.bus = bus
        self.address = address
        self.serial = serial
        self.product = product
        self.known = KnownUSBReader.lookup(vendorID: vendorID, productID: productID)
    }

    /// "0ab1:0004", as in reader addresses and `lsusb`.
    public var ids: String { Self.hex(vendorID) + ":" + Self.hex(productID) }

    /// "usb 0ab1:0004 bus 1 dev 4".
    public var description: String { "usb \(ids) bus \(bus) dev \(address)" }

    static func hex(_ v: UInt16) -> String {
        let digits = Array("0123456789abcdef")
        return String([12, 8, 4, 0].map { digits[Int((v >> UInt16($0)) & 0xF)] })
    }
}
