import Foundation
import ReaderDrivers
import ReaderTransport
import TestSupport
import Testing

/// The udev rules ship beside the code; a reader added to the known table without a rule
/// would be listed by `rfid-station readers` and then refuse to open for non-root accounts.
@Suite("udev rules for USB readers")
struct UdevRulesTests {
    static func rules() throws -> String {
        try String(
            contentsOf: SharedFiles.packageRoot.appendingPathComponent("Hardware/udev/60-libraryrfid.rules"), encoding: .utf8)
    }

    /// (vendor, product) of every active rule on a USB device node, in file order.
    static func usbDeviceRules(_ text: String) -> [(vendor: String, product: String, line: String)] {
        text.split(separator: "\n").compactMap { raw in
            let line = String(raw)
            guard !line.hasPrefix("#"), line.contains("SUBSYSTEM==\"usb\""),
                let vendor = value(of: "ATTR{idVendor}==", in: line),
                let product = value(of: "ATTR{idProduct}==", in: line)
            else { return nil }
            return (vendor, product, line)
        }
    }

    static func value(of key: String, in line: String) -> String? {
        guard let start = line.range(of: key + "\"") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    @Test func everyKnownUSBReaderHasARuleGrantingTheGroup() throws {
        let rules = Self.usbDeviceRules(try Self.rules())
        for reader in ReaderDriverTable.standard.usbReaders {
            let ids = USBDeviceInfo(vendorID: reader.vendorID, productID: reader.productID, bus: 0, address: 0).ids
            let matching = rules.filter { "\($0.vendor):\($0.product)" == ids }
            #expect(matching.count == 1, "no single udev rule for \(reader.model) \(ids)")
            #expect(matching.allSatisfy { $0.line.contains("GROUP=\"libraryrfid\"") && $0.line.contains("MODE=\"0660\"") })
        }
    }

    @Test func rulesGrantNothingBeyondTheKnownReaders() throws {
        let known = Set(ReaderDriverTable.standard.usbReaders.map { USBDeviceInfo(vendorID: $0.vendorID, productID: $0.productID, bus: 0, address: 0).ids })
        for rule in Self.usbDeviceRules(try Self.rules()) {
            #expect(known.contains("\(rule.vendor):\(rule.product)"), "rule for an unknown device: \(rule.line)")
        }
    }
}
