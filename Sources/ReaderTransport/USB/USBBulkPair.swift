import CLibUSB

/// Where a reader's bulk IN/OUT pair lives. Readers differ: a FEIG CPR has it on interface 0;
/// a CCID reader with keyboard emulation may put a HID interface first. Asking for no
/// particular interface finds the first that has a bulk pair.
struct USBBulkPair: Sendable, Equatable {
    var interface: Int32
    var endpointIn: UInt8
    var endpointOut: UInt8

    static func find(in device: OpaquePointer, interface wanted: Int32?, endpoint: String) throws(TransportError) -> USBBulkPair {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        let status = libusb_get_config_descriptor(device, 0, &config)
        guard status == 0, let config else { throw LibUSBStatus.error(status, endpoint: endpoint, "read configuration") }
        defer { libusb_free_config_descriptor(config) }
        let count = Int(config.pointee.bNumInterfaces)
        if let wanted {
            guard wanted >= 0, Int(wanted) < count else {
                throw TransportError(.invalidConfiguration, endpoint: endpoint, "the device has no interface \(wanted)")
            }
            guard let pair = pair(config.pointee.interface[Int(wanted)], number: wanted) else {
                throw TransportError(.invalidConfiguration, endpoint: endpoint, "interface \(wanted) lacks a bulk IN/OUT endpoint pair")
            }
            return pair
        }
        for number in 0..<count {
            if let pair = pair(config.pointee.interface[number], number: Int32(number)) { return pair }
        }
        throw TransportError(.invalidConfiguration, endpoint: endpoint, "no interface has a bulk IN/OUT endpoint pair; not a supported reader")
    }

    /// The first bulk IN and bulk OUT endpoints of the interface's first alternate setting.
    private static func pair(_ interface: libusb_interface, number: Int32) -> USBBulkPair? {
        guard interface.num_altsetting > 0, let settings = interface.altsetting else { return nil }
        let setting = settings[0]
        var bulkIn: UInt8?
        var bulkOut: UInt8?
        for i in 0..<Int(setting.bNumEndpoints) {
            let ep = setting.endpoint[i]
            guard ep.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
            if ep.bEndpointAddress & 0x80 != 0 {
                bulkIn = bulkIn ?? ep.bEndpointAddress
            } else {
                bulkOut = bulkOut ?? ep.bEndpointAddress
            }
        }
        guard let bulkIn, let bulkOut else { return nil }
        return USBBulkPair(interface: number, endpointIn: bulkIn, endpointOut: bulkOut)
    }
}
