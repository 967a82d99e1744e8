import ReaderCore
import ReaderProtocols
import ReaderTransport

/// Opening the transport an address names, with the line settings its driver expects unless
/// the address overrides them.
extension ReaderFactory {
    /// The serial settings for `driver`, overridden by the address's `baud` and `framing`.
    static func serialSettings(for address: ReaderAddress) -> SerialSettings {
        var settings: SerialSettings
        switch address.driver {
        case .threeM810: settings = .threeM810
        case .trf7970a: settings = .trf7970a
        default: settings = .feig
        }
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

    /// Opens the serial port or TCP connection for a serial-framed reader.
    static func openStreamTransport(_ address: ReaderAddress) throws(ReaderFactoryError) -> any ByteTransport {
        do throws(TransportError) {
            switch address.kind {
            case .serial(let path):
                return try SerialPort(path: path, settings: serialSettings(for: address))
            case .tcp(let host, let port):
                return try TCPTransport(host: host, port: port, timeout: min(address.timeout ?? .seconds(3), .seconds(10)))
            default:
                throw TransportError(.invalidConfiguration, endpoint: address.description, "not a serial or TCP address")
            }
        } catch {
            throw .transport(error)
        }
    }

    /// Opens a USB reader by ids, or the first known reader for `driver` when the address gives
    /// none (`feig-usb:`).
    static func openUSB(vendorID: UInt16?, productID: UInt16?, serial: String?, driver: String) throws(ReaderFactoryError) -> USBTransport {
        do throws(TransportError) {
            let bus = try USBBus()
            return try bus.open(
                vendorID: vendorID, productID: productID, serial: serial, candidates: KnownUSBReader.forDriver(driver))
        } catch {
            throw .transport(error)
        }
    }

    /// The retry policy with the address's per-operation timeout, if it gives one.
    static func retryPolicy(_ address: ReaderAddress) -> RetryPolicy {
        var policy = RetryPolicy()
        if let timeout = address.timeout { policy.timeout = timeout }
        return policy
    }

    /// COM-ADR, retry policy and Set Output command for a FEIG address. `feig-usb:` opens the
    /// ID CPR40/CPR74 (the only FEIG USB ids this build knows), whose Set Output is 0x71; serial
    /// and TCP readers are taken for ID ISC (0x72) unless the address says `family=cpr`.
    static func feigConfiguration(_ address: ReaderAddress) -> FEIGReader.Configuration {
        let family: ReaderAddress.FEIGFamily
        if let configured = address.feigFamily {
            family = configured
        } else if case .usb = address.kind {
            family = .cpr
        } else {
            family = .isc
        }
        return FEIGReader.Configuration(
            address: address.busAddress ?? 0xFF, retry: retryPolicy(address),
            outputCommand: family == .cpr ? FEIGCommand.setOutputCPR : FEIGCommand.setOutputISC)
    }
}
