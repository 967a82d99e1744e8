import ReaderCore
import ReaderTransport

/// What a table entry's `open` gets: the address, and the ways of opening its transport with
/// the entry's own defaults (serial settings, USB ids) under the address's overrides.
public struct ReaderOpening: Sendable {
    public let address: ReaderAddress
    public let entry: ReaderDriverEntry

    public init(address: ReaderAddress, entry: ReaderDriverEntry) {
        self.address = address
        self.entry = entry
    }

    /// The entry's serial settings (8N1 at 9600 if it states none), overridden by the address's
    /// `baud` and `framing`.
    public var serialSettings: SerialSettings {
        var settings = entry.serialSettings ?? SerialSettings(baud: 9600)
        if let baud = address.baud { settings.baud = baud }
        if let framing = address.framing {
            settings.dataBits = framing.dataBits
            settings.stopBits = framing.stopBits
            switch framing.parity {
            case .none: settings.parity = .none
            case .even: settings.parity = .even
            case .odd: settings.parity = .odd
            }
        }
        return settings
    }

    /// The retry policy with the address's per-operation timeout, if it gives one.
    public var retryPolicy: RetryPolicy {
        var policy = RetryPolicy()
        if let timeout = address.timeout { policy.timeout = timeout }
        return policy
    }

    /// Opens the serial port or TCP connection for a serial-framed reader.
    public func streamTransport() throws(ReaderFactoryError) -> any ByteTransport {
        do throws(TransportError) {
            switch address.kind {
            case .serial(let path):
                return try SerialPort(path: path, settings: serialSettings)
            case .tcp(let host, let port):
                return try TCPTransport(host: host, port: port, timeout: min(address.timeout ?? .seconds(3), .seconds(10)))
            default:
                throw TransportError(.invalidConfiguration, endpoint: address.description, "not a serial or TCP address")
            }
        } catch {
            throw .transport(error)
        }
    }

    /// Opens a USB reader by ids, or the first of the entry's USB readers present when the
    /// address gives none (`feig-usb:`).
    public func usbTransport() throws(ReaderFactoryError) -> USBTransport {
        guard case .usb(let vendorID, let productID, let serial) = address.kind else {
            throw .transport(TransportError(.invalidConfiguration, endpoint: address.description, "not a USB address"))
        }
        do throws(TransportError) {
            return try USBBus().open(
                vendorID: vendorID, productID: productID, serial: serial, candidates: entry.usbReaders)
        } catch {
            throw .transport(error)
        }
    }
}
