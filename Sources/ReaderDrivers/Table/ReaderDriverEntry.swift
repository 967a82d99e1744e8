import ReaderCore
import ReaderTransport

/// One row of the driver table: everything the rest of the package needs to know about a
/// driver, in one place, so adding a reader is adding a row (the model is libnfc's driver table
/// and connection strings). Nothing else switches over driver names.
public struct ReaderDriverEntry: Sendable {
    public typealias Open = @Sendable (ReaderOpening) async throws(ReaderFactoryError) -> any RFIDReader
    public typealias CheckOption = @Sendable (DriverOption) throws(ReaderAddressError) -> Void

    /// The address scheme (`feig`), also the driver's name in messages.
    public var name: ReaderAddress.Driver
    /// What it drives, for `rfid-station readers` ("FEIG ID ISC / ID CPR, ISO Host mode").
    public var model: String
    /// The transports it speaks. The first is what the bare scheme means (`feig:` is serial,
    /// `acr1552u:` is USB); the others are reached as `name+tcp://` and `name-usb:`.
    public var transports: [ReaderAddress.Transport]
    /// Line settings on a serial port, before the address's `baud` and `framing`.
    public var serialSettings: SerialSettings?
    /// USB readers it drives, by vendor and product id; `name-usb:` without ids opens the
    /// first one present.
    public var usbReaders: [KnownUSBReader]
    /// Options beyond the generic ones (`address`, `family`), checked by `checkOption`.
    public var optionNames: [String]
    public var checkOption: CheckOption
    /// Opens the transport the address names and builds the driver over it.
    public var open: Open

    public init(
        name: ReaderAddress.Driver, model: String, transports: [ReaderAddress.Transport],
        serialSettings: SerialSettings? = nil, usbReaders: [KnownUSBReader] = [], optionNames: [String] = [],
        checkOption: @escaping CheckOption = { _ throws(ReaderAddressError) in }, open: @escaping Open
    ) {
        precondition(!transports.isEmpty, "a driver speaks at least one transport")
        self.name = name
        self.model = model
        self.transports = transports
        self.serialSettings = serialSettings
        self.usbReaders = usbReaders
        self.optionNames = optionNames
        self.checkOption = checkOption
        self.open = open
    }

    /// The schemes this driver answers to, with the transport each names: the bare name for the
    /// first transport, `+tcp` and `-usb` for the others (`-usb` also when USB is the first).
    public var schemes: [(scheme: String, transport: ReaderAddress.Transport)] {
        var out = [(name.rawValue, transports[0])]
        for t in transports {
            switch t {
            case .tcp where t != transports[0]: out.append((name.rawValue + "+tcp", t))
            case .usb: out.append((name.rawValue + "-usb", t))
            default: continue
            }
        }
        return out
    }

    /// One example address per transport, for listings and messages.
    public var examples: [String] {
        transports.map { t in
            switch t {
            case .serial: "\(name):/dev/ttyUSB0"
            case .tcp: "\(name)+tcp://host:port"
            case .usb: t == transports[0] ? "\(name):[vid:pid[:serial]]" : "\(name)-usb:[vid:pid[:serial]]"
            case .stateFile: "\(name):/path/state.json"
            case .inProcess: "\(name):"
            }
        }
    }
}
