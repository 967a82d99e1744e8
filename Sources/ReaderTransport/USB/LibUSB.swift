import CLibUSB

/// A libusb pointer (context or device handle) that may cross threads. libusb documents its
/// contexts and handles as safe to use from several threads at once for synchronous I/O, which
/// is all the transport does; Swift cannot see that, hence the unchecked conformance.
struct LibUSBPointer: @unchecked Sendable {
    let raw: OpaquePointer
}

/// libusb return codes as transport errors, with what staff can do about each.
enum LibUSBStatus {
    static func name(_ code: Int32) -> String { String(cString: libusb_error_name(code)) }

    static func error(_ code: Int32, endpoint: String, _ operation: String) -> TransportError {
        switch code {
        case LIBUSB_ERROR_NO_DEVICE.rawValue:
            TransportError(.deviceGone, endpoint: endpoint, "\(operation): device gone (unplugged or reset)")
        case LIBUSB_ERROR_ACCESS.rawValue:
            TransportError(
                .permissionDenied, endpoint: endpoint,
                "\(operation): permission denied; install Hardware/udev/60-libraryrfid.rules and add this account to group libraryrfid")
        case LIBUSB_ERROR_BUSY.rawValue:
            TransportError(.busy, endpoint: endpoint, "\(operation): the device is in use by another program or driver")
        case LIBUSB_ERROR_NOT_FOUND.rawValue:
            TransportError(.notFound, endpoint: endpoint, "\(operation): not found")
        case LIBUSB_ERROR_TIMEOUT.rawValue:
            TransportError(.timeout, endpoint: endpoint, "\(operation): no answer before the deadline")
        case LIBUSB_ERROR_INVALID_PARAM.rawValue, LIBUSB_ERROR_NOT_SUPPORTED.rawValue:
            TransportError(.invalidConfiguration, endpoint: endpoint, "\(operation): \(name(code))")
        default:
            TransportError(.io, endpoint: endpoint, "\(operation) failed: \(name(code))")
        }
    }
}

extension TransportError.Kind {
    /// A USB device that left the bus (LIBUSB_ERROR_NO_DEVICE: unplugged, reset, powered off).
    /// The same kind as any vanished device, so drivers need one rule: report it, do not retry,
    /// let the station reopen the reader once it is back.
    public static let deviceGone: Self = .disconnected
}
