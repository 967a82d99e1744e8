import CLibUSB

/// The machine's USB bus through libusb: lists devices and opens readers by id. A machine
/// with no USB bus at all (a VM, a container) is an ordinary answer, "no USB readers found",
/// never a crash.
public final class USBBus: Sendable {
    let context: LibUSBPointer

    /// Fails with `.notFound` when libusb finds no USB subsystem to talk to.
    public init() throws(TransportError) {
        var ctx: OpaquePointer?
        let status = libusb_init(&ctx)
        guard status == 0, let ctx else {
            throw TransportError(
                .notFound, endpoint: "usb",
                "no USB bus on this machine (libusb: \(LibUSBStatus.name(status))); no USB readers found")
        }
        context = LibUSBPointer(raw: ctx)
    }

    deinit { libusb_exit(context.raw) }

    /// Every device on the bus; those in `known` carry their model. Serial numbers are read
    /// from known devices this account may open, and left out otherwise.
    public func devices(known: [KnownUSBReader]) throws(TransportError) -> [USBDeviceInfo] {
        try withDeviceList { list in
            list.map { device in
                var info = Self.describe(device)
                info.known = known.first { $0.vendorID == info.vendorID && $0.productID == info.productID }
                if info.known != nil { Self.readStrings(device, into: &info) }
                return info
            }
        }
    }

    /// The known readers present (what `rfid-station readers` lists).
    public func readers(known: [KnownUSBReader]) throws(TransportError) -> [USBDeviceInfo] {
        try devices(known: known).filter { $0.known != nil }
    }

    /// Opens the first device matching. Nil ids mean "any of `candidates`" (e.g. every FEIG
    /// the driver table lists); a serial number narrows it to one unit when several are plugged in.
    /// Without an `interface`, the first interface with a bulk IN/OUT pair is used.
    public func open(
        vendorID: UInt16?, productID: UInt16?, serial: String? = nil, candidates: [KnownUSBReader] = [],
        interface: Int32? = nil
    ) throws(TransportError) -> USBTransport {
        let wanted = vendorID.map { "\(USBDeviceInfo.hex($0)):\(USBDeviceInfo.hex(productID ?? 0))" }
            ?? candidates.map { USBDeviceInfo(vendorID: $0.vendorID, productID: $0.productID, bus: 0, address: 0).ids }
            .joined(separator: " or ")
        var lastError: TransportError?
        let found: USBTransport? = try withDeviceList { list throws(TransportError) -> USBTransport? in
            for device in list {
                var info = Self.describe(device)
                let matches: Bool
                if let vendorID, let productID {
                    matches = info.vendorID == vendorID && info.productID == productID
                } else {
                    matches = candidates.contains { $0.vendorID == info.vendorID && $0.productID == info.productID }
                }
                guard matches else { continue }
                if let serial {
                    let status = Self.readStrings(device, into: &info)
                    if status != 0 {
                        // Its serial number cannot be read: say why rather than "not found".
                        lastError = LibUSBStatus.error(status, endpoint: info.description, "open to read the serial number")
                        continue
                    }
                    guard info.serial == serial else { continue }
                }
                do throws(TransportError) {
                    return try USBTransport(bus: self, device: device, info: info, interface: interface)
                } catch {
                    // Keep looking (a second unit may be free), but report this one if none is.
                    lastError = error
                }
            }
            return nil
        }
        if let found { return found }
        if let lastError { throw lastError }
        let which = serial.map { "\(wanted) with serial \($0)" } ?? wanted
        throw TransportError(.notFound, endpoint: "usb", "no USB reader \(which) found; `rfid-station readers` lists what is plugged in")
    }

    private func withDeviceList<T>(_ body: ([OpaquePointer]) throws(TransportError) -> T) throws(TransportError) -> T {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context.raw, &list)
        guard count >= 0, let list else {
            throw LibUSBStatus.error(Int32(truncatingIfNeeded: count), endpoint: "usb", "listing USB devices")
        }
        defer { libusb_free_device_list(list, 1) }
        let devices = (0..<Int(count)).compactMap { list[$0] }
        return try body(devices)
    }

    static func describe(_ device: OpaquePointer) -> USBDeviceInfo {
        var descriptor = libusb_device_descriptor()
        _ = libusb_get_device_descriptor(device, &descriptor)
        return USBDeviceInfo(
            vendorID: descriptor.idVendor, productID: descriptor.idProduct, bus: libusb_get_bus_number(device),
            address: libusb_get_device_address(device))
    }

    /// Serial number and product name, when the device can be opened; absent when not
    /// (enumeration must work for accounts without access to every device). Returns libusb's
    /// status for the open.
    @discardableResult
    static func readStrings(_ device: OpaquePointer, into info: inout USBDeviceInfo) -> Int32 {
        var descriptor = libusb_device_descriptor()
        let described = libusb_get_device_descriptor(device, &descriptor)
        guard described == 0 else { return described }
        var handle: OpaquePointer?
        let opened = libusb_open(device, &handle)
        guard opened == 0, let handle else { return opened == 0 ? LIBUSB_ERROR_OTHER.rawValue : opened }
        defer { libusb_close(handle) }
        info.serial = string(handle, descriptor.iSerialNumber)
        info.product = string(handle, descriptor.iProduct)
        return 0
    }

    static func string(_ handle: OpaquePointer, _ index: UInt8) -> String? {
        guard index != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count))
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(Int(n)), as: UTF8.self)
    }
}
