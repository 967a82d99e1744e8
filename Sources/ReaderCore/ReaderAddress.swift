import RFIDCommon

/// Where a reader is and how to talk to it, parsed from the one-line URL-like form staff put in
/// site configuration and on the command line (`feig:/dev/ttyUSB0?baud=38400`). One parser for
/// every tool, so a typo is reported the same way, with the offending part and its position.
public struct ReaderAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A serial port (RS-232, RS-485 adapter, USB-UART) at `path`.
        case serial(path: String)
        /// A TCP device server or an Ethernet reader.
        case tcp(host: String, port: Int)
        /// A USB device; nil fields mean "the first one matching the driver's table".
        case usb(vendorID: UInt16?, productID: UInt16?, serial: String?)
        /// The mock reader over a JSON state file.
        case stateFile(path: String)
        /// The in-process emulated reader with demo tags.
        case emulated
    }

    public enum Driver: String, Sendable, CaseIterable {
        case feig, threeM810 = "3m810", trf7970a, acr1552u, mock, emulated
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
    /// Bus address of the reader (FEIG COM-Adr on RS-485), 0...254.
    public var busAddress: UInt8?
    /// FEIG reader family, when the address says (`family=cpr`); it decides the Set Output
    /// command (0x71 on ID CPR, 0x72 on ID ISC). Nil: CPR over USB, ISC otherwise.
    public var feigFamily: FEIGFamily?

    /// The two FEIG families, which differ in the Set Output command.
    public enum FEIGFamily: String, Sendable, Equatable, CaseIterable {
        case isc, cpr
    }

    public init(
        driver: Driver, kind: Kind, baud: Int? = nil, framing: Framing? = nil, timeout: Duration? = nil,
        busAddress: UInt8? = nil, feigFamily: FEIGFamily? = nil
    ) {
        self.driver = driver
        self.kind = kind
        self.baud = baud
        self.framing = framing
        self.timeout = timeout
        self.busAddress = busAddress
        self.feigFamily = feigFamily
    }

    /// The address used when a site has no reader configured.
    public static let emulated = ReaderAddress(driver: .emulated, kind: .emulated)

    public var description: String {
        var s: String
        switch (driver, kind) {
        case (_, .emulated): return "emulated:"
        case (_, .stateFile(let p)): return "mock:\(p)"
        case (let d, .serial(let p)): s = "\(d.rawValue):\(p)"
        case (let d, .tcp(let h, let port)): s = "\(d.rawValue)+tcp://\(h.contains(":") ? "[\(h)]" : h):\(port)"
        case (let d, .usb(let v, let p, let serial)):
            s = "\(d.rawValue)-usb:"
            if let v, let p {
                s += Hex.encode([UInt8(v >> 8), UInt8(v & 0xFF)]).lowercased() + ":"
                s += Hex.encode([UInt8(p >> 8), UInt8(p & 0xFF)]).lowercased()
                if let serial { s += ":\(serial)" }
            }
        }
        var q: [String] = []
        if let baud { q.append("baud=\(baud)") }
        if let framing { q.append("framing=\(framing)") }
        if let timeout { q.append("timeout=\(Self.milliseconds(timeout))ms") }
        if let busAddress { q.append("address=\(busAddress)") }
        if let feigFamily { q.append("family=\(feigFamily.rawValue)") }
        if !q.isEmpty { s += "?" + q.joined(separator: "&") }
        return s
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return s * 1000 + atto / 1_000_000_000_000_000
    }
}

/// A reader address that could not be parsed: which part is wrong, where, and why.
public struct ReaderAddressError: UserFacingError, Equatable {
    public enum Part: String, Sendable, Equatable {
        case scheme, path, host, port, vendorID = "vendor id", productID = "product id", serial
        case option, baud, framing, timeout, address, family
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
