import RFIDCommon

/// Where a reader is and how to talk to it, parsed from the one-line URL-like form staff put in
/// site configuration and on the command line (`feig:/dev/ttyUSB0?baud=38400`). One parser for
/// every tool, so a typo is reported the same way, with the offending part and its position.
///
/// The address knows nothing of particular readers: the driver is a name, and the options only
/// one driver understands (FEIG's bus address and family) are kept as text in `driverOptions`,
/// checked by that driver's entry in the driver table (`ReaderDrivers.ReaderDriverTable`).
public struct ReaderAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A serial port (RS-232, RS-485 adapter, USB-UART) at `path`.
        case serial(path: String)
        /// A TCP device server or an Ethernet reader.
        case tcp(host: String, port: Int)
        /// A USB device; nil fields mean "the first one matching the driver's table".
        case usb(vendorID: UInt16?, productID: UInt16?, serial: String?)
        /// A reader simulated over a state file (the mock reader).
        case stateFile(path: String)
        /// A reader inside this process (the emulated demo reader).
        case inProcess

        public var transport: Transport {
            switch self {
            case .serial: .serial
            case .tcp: .tcp
            case .usb: .usb
            case .stateFile: .stateFile
            case .inProcess: .inProcess
            }
        }
    }

    /// The kinds of connection, without their parameters: what a driver says it speaks.
    public enum Transport: String, Sendable, Equatable, CaseIterable {
        case serial, tcp, usb, stateFile = "state file", inProcess = "in-memory"
    }

    /// A driver's name, as the address scheme spells it ("feig", "3m810"). An open set: the
    /// driver table decides which names exist in a build.
    public struct Driver: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ name: String) { self.rawValue = name }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }
    }

    /// Serial line framing: data bits, parity and stop bits ("8E1").
    public struct Framing: Sendable, Equatable, CustomStringConvertible {
        public enum Parity: Character, Sendable { case none = "N", even = "E", odd = "O" }
        public var dataBits: Int
        public var parity: Parity
        public var stopBits: Int
        public init(dataBits: Int, parity: Parity, stopBits: Int) {
            self.dataBits = dataBits
            self.parity = parity
            self.stopBits = stopBits
        }
        /// Bits on the wire per byte: start + data + parity + stop. Used for wire-time pacing.
        public var bitsPerByte: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }
        public var description: String { "\(dataBits)\(parity.rawValue)\(stopBits)" }
    }

    public var driver: Driver
    public var kind: Kind
    public var baud: Int?
    public var framing: Framing?
    /// Per-operation timeout, if the address overrides the driver default.
    public var timeout: Duration?
    /// Options only this address's driver understands, by name (`address=3`, `family=cpr` for
    /// FEIG), as written; the driver's table entry has checked them when the address was parsed.
    public var driverOptions: [String: String]

    public init(
        driver: Driver, kind: Kind, baud: Int? = nil, framing: Framing? = nil, timeout: Duration? = nil,
        driverOptions: [String: String] = [:]
    ) {
        self.driver = driver
        self.kind = kind
        self.baud = baud
        self.framing = framing
        self.timeout = timeout
        self.driverOptions = driverOptions
    }

    /// The in-process demo reader. Only a table that registers the `emulated` driver opens it.
    public static let emulated = ReaderAddress(driver: "emulated", kind: .inProcess)

    /// The scheme and body (`feig+tcp://host:port`), without options.
    public var location: String {
        let d = driver.rawValue
        switch kind {
        case .inProcess: return "\(d):"
        case .stateFile(let p), .serial(let p): return "\(d):\(p)"
        case .tcp(let h, let port): return "\(d)+tcp://\(h.contains(":") ? "[\(h)]" : h):\(port)"
        case .usb(let v, let p, let serial):
            var s = "\(d)-usb:"
            if let v, let p {
                s += Hex.encode([UInt8(v >> 8), UInt8(v & 0xFF)]).lowercased() + ":"
                s += Hex.encode([UInt8(p >> 8), UInt8(p & 0xFF)]).lowercased()
                if let serial { s += ":\(serial)" }
            }
            return s
        }
    }

    public var description: String {
        var q: [String] = []
        if let baud { q.append("baud=\(baud)") }
        if let framing { q.append("framing=\(framing)") }
        if let timeout { q.append("timeout=\(Self.milliseconds(timeout))ms") }
        for name in driverOptions.keys.sorted() { q.append("\(name)=\(driverOptions[name] ?? "")") }
        return q.isEmpty ? location : location + "?" + q.joined(separator: "&")
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return s * 1000 + atto / 1_000_000_000_000_000
    }
}
