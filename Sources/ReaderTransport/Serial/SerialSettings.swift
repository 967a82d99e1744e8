/// Line settings for a serial reader. Readers do not negotiate: a wrong baud rate or parity
/// shows up only as silence or checksum errors, so each driver states its defaults here.
public struct SerialSettings: Sendable, Equatable, CustomStringConvertible {
    public enum Parity: Sendable, Equatable {
        case none, even, odd
        var letter: String {
            switch self {
            case .none: "N"
            case .even: "E"
            case .odd: "O"
            }
        }
    }

    /// The rates termios can set on Linux that readers use.
    public static let supportedBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800]

    public var baud: Int
    public var dataBits: Int
    public var parity: Parity
    public var stopBits: Int
    /// Quiet time the line must have before a new request. FEIG readers need 5 ms to tell
    /// one frame from the next; without it they may merge a retry with the previous frame.
    public var interFrameGap: Duration

    public init(
        baud: Int, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1, interFrameGap: Duration = .zero
    ) {
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.interFrameGap = interFrameGap
    }

    /// FEIG ISO Host: 38400 baud 8E1, 5 ms between frames.
    public static let feig = SerialSettings(baud: 38400, parity: .even, interFrameGap: .milliseconds(5))
    /// 3M 810 family through its USB-serial cable: 19200 8N1.
    public static let threeM810 = SerialSettings(baud: 19200)
    /// TI TRF7970A EVM (CP210x bridge): 115200 8N1.
    public static let trf7970a = SerialSettings(baud: 115200)

    /// Bits on the wire per byte (start + data + parity + stop), for wire-time estimates.
    public var bitsPerByte: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }

    /// Time `count` bytes take on the line at this rate.
    public func wireTime(bytes count: Int) -> Duration {
        .nanoseconds(Int64(count) * Int64(bitsPerByte) * 1_000_000_000 / Int64(max(1, baud)))
    }

    /// "38400 8E1".
    public var description: String { "\(baud) \(dataBits)\(parity.letter)\(stopBits)" }

    /// Rejects what termios cannot express, naming the offending setting.
    func validate(endpoint: String) throws(TransportError) {
        guard Self.supportedBaudRates.contains(baud) else {
            throw TransportError(
                .invalidConfiguration, endpoint: endpoint,
                "baud rate \(baud) is not supported (use one of \(Self.supportedBaudRates.map(String.init).joined(separator: ", ")))")
        }
        guard (5...8).contains(dataBits) else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "data bits must be 5-8, not \(dataBits)")
        }
        guard stopBits == 1 || stopBits == 2 else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "stop bits must be 1 or 2, not \(stopBits)")
        }
        guard interFrameGap >= .zero, interFrameGap <= .seconds(1) else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "inter-frame gap must be 0-1 s")
        }
    }
}
