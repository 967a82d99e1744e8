import RFIDCommon

/// A reader address that could not be parsed: which part is wrong, where, and why.
public struct ReaderAddressError: UserFacingError, Equatable {
    /// The part of the address at fault. Open, so a driver names its own options (`family`).
    public struct Part: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let scheme = Part(rawValue: "scheme"), path = Part(rawValue: "path")
        public static let host = Part(rawValue: "host"), port = Part(rawValue: "port")
        public static let vendorID = Part(rawValue: "vendor id"), productID = Part(rawValue: "product id")
        public static let serial = Part(rawValue: "serial"), option = Part(rawValue: "option")
        public static let baud = Part(rawValue: "baud"), framing = Part(rawValue: "framing")
        public static let timeout = Part(rawValue: "timeout")
    }

    /// The address as given (addresses hold device paths, never patron data).
    public var address: String
    public var part: Part
    /// Zero-based character offset of the offending part in `address`.
    public var position: Int
    public var reason: String

    public init(address: String, part: Part, position: Int, reason: String) {
        self.address = address
        self.part = part
        self.position = position
        self.reason = reason
    }

    public var exitStatus: ExitStatus { .usage }
    public var description: String {
        "reader address \"\(address)\": \(part.rawValue) at character \(position): \(reason)"
    }
}

/// One option only a driver understands, where it stands in the address, for that driver's
/// check to report a bad value at the right character.
public struct DriverOption: Sendable {
    public var name: String
    public var value: String
    /// The address as given.
    public var address: String
    /// Character offsets of the option's name and of its value.
    public var namePosition: Int
    public var valuePosition: Int

    public init(name: String, value: String, address: String, namePosition: Int, valuePosition: Int) {
        self.name = name
        self.value = value
        self.address = address
        self.namePosition = namePosition
        self.valuePosition = valuePosition
    }

    /// The error for a bad value, placed at the value.
    public func invalid(_ part: ReaderAddressError.Part, _ reason: String) -> ReaderAddressError {
        ReaderAddressError(address: address, part: part, position: valuePosition, reason: reason)
    }
}

/// What the address parser needs from the driver table: which schemes exist, what each one's
/// body is, and which options each driver takes. ReaderCore knows no driver itself.
public protocol ReaderAddressVocabulary: Sendable {
    /// The driver and transport a scheme (`feig`, `feig+tcp`, `acr1552u`) names, if any.
    func resolve(scheme: String) -> (driver: ReaderAddress.Driver, transport: ReaderAddress.Transport)?
    /// Every scheme, for the "unknown reader" message.
    var schemes: [String] { get }
    /// The options `driver` takes beyond the generic ones.
    func optionNames(for driver: ReaderAddress.Driver) -> [String]
    /// Drivers that take an option, to say "family applies to feig readers only".
    func drivers(taking option: String) -> [ReaderAddress.Driver]
    /// Checks one of the driver's options; throws the error placed at the option.
    func check(_ option: DriverOption, for driver: ReaderAddress.Driver) throws(ReaderAddressError)
}
