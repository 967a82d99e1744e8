import RFIDCommon

/// A byte pipe to a reader: a serial port, a TCP connection to a device server, a USB bulk pair.
/// Protocols frame bytes on top of it; they never know which transport they run on.
///
/// Calls block the calling thread until done or until the deadline; drivers run them off the
/// cooperative pool. Implementations are thread-safe for one reader and one writer.
public protocol ByteTransport: AnyObject, Sendable {
    /// "/dev/ttyUSB0 38400 8E1", "tcp 10.0.0.5:10001", "usb 0ab1:0004 bus 1 dev 4".
    var description: String { get }
    /// Writes all bytes or throws.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError)
    /// Returns at least one byte and at most `maxCount`, or throws `.timeout` at the deadline.
    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8]
    /// Drops whatever is buffered in both directions (after garbage, before a retry).
    func flush() throws(TransportError)
    func close()
}

public struct TransportError: UserFacingError, Equatable {
    public enum Kind: Sendable, Equatable {
        case timeout
        /// The device went away: unplugged, pty closed, peer closed the connection.
        case disconnected
        case notFound
        /// Another process holds the port (exclusive open failed).
        case busy
        case permissionDenied
        case invalidConfiguration
        case io
        /// Nothing listens at the address (TCP RST): the device server is up, the port is wrong
        /// or its serial-over-IP service is off.
        case refused
        /// No route to the host or network (TCP): wrong address, cable, VLAN or firewall.
        case unreachable
        /// The task waiting for the call was cancelled (`TransportCancellation`).
        case cancelled
    }

    public var kind: Kind
    /// Which port or device, e.g. "/dev/ttyUSB0".
    public var endpoint: String
    public var detail: String

    public init(_ kind: Kind, endpoint: String, _ detail: String) {
        self.kind = kind
        self.endpoint = endpoint
        self.detail = detail
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .timeout, .disconnected, .notFound, .busy, .permissionDenied, .refused, .unreachable, .cancelled: .unavailable
        case .invalidConfiguration: .usage
        case .io: .ioError
        }
    }

    public var description: String { "\(endpoint): \(detail)" }
}
