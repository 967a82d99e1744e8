/// A USB reader some driver speaks to, by vendor and product id. The list lives in the driver
/// table (`ReaderDrivers`), one entry's readers each; enumeration is handed that list. Keep it
/// in step with Hardware/udev/60-libraryrfid.rules and Hardware/supported-readers.md.
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
        vendorID: UInt16, productID: UInt16, bus: UInt8, address: UInt8, serial: String? = nil, product: String? = nil,
        known: KnownUSBReader? = nil
    ) {
        self.vendorID = vendorID
        self.productID = productID
        self.bus = bus
        self.address = address
        self.serial = serial
        self.product = product
        self.known = known
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
