import ReaderCore
import ReaderTransport

/// What `rfid-station readers` prints about USB: the readers of the table found on the bus,
/// each with an address to use, or plainly why none.
public enum USBReaderListing {
    public static func lines(drivers: ReaderDriverTable = .standard) -> [String] {
        let bus: USBBus
        do { bus = try USBBus() } catch { return ["no USB readers found (this machine has no USB bus that libusb can use)"] }
        let readers: [USBDeviceInfo]
        do { readers = try bus.readers(known: drivers.usbReaders) } catch { return ["no USB readers found (\(error.description))"] }
        guard !readers.isEmpty else { return ["no USB readers found"] }
        return readers.map { reader in
            let model = reader.known?.model ?? "unknown"
            let scheme = reader.known.flatMap { drivers[ReaderAddress.Driver($0.driver)] }
                .flatMap { $0.schemes.first { $0.transport == .usb }?.scheme } ?? "?"
            let serial = reader.serial.map { ":\($0)" } ?? ""
            return "usb     \(model) \(reader.ids) bus \(reader.bus) dev \(reader.address)   e.g. \(scheme):\(reader.ids)\(serial)"
        }
    }
}

/// The drivers a program can open, one line each, from its table.
public enum DriverListing {
    public static func lines(drivers: ReaderDriverTable = .standard) -> [String] {
        drivers.entries.map { entry in
            let name = entry.name.rawValue
            let padded = name + String(repeating: " ", count: max(0, 9 - name.count))
            return "driver  \(padded) \(entry.model); e.g. \(entry.examples.joined(separator: ", "))"
        }
    }
}

extension ReaderDriverTable {
    /// The schemes that open a serial port, for example addresses beside each port found.
    public var serialSchemes: [String] {
        entries.flatMap { $0.schemes.filter { $0.transport == .serial }.map(\.scheme) }
    }
}
