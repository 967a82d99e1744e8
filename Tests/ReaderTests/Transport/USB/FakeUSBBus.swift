import CUMockdevHelper
import Foundation
import ReaderEmulation
import Synchronization
import Testing

/// The device side of a fake USB reader: bulk OUT bytes go into a protocol emulator, its
/// replies wait here until libusb reaps a bulk IN request. Called on umockdev's worker thread.
final class EmulatorPipe: Sendable {
    private let emulate: @Sendable ([UInt8]) -> [[UInt8]]
    private let replies = Mutex<[UInt8]>([])
    /// Requests seen on bulk OUT, for tests that check what crossed the bus.
    let received = Mutex<[[UInt8]]>([])

    init<E: ProtocolEmulator>(_ emulator: E, field: TagField) {
        let state = Mutex(emulator)
        emulate = { bytes in state.withLock { $0.receive(bytes, field: field) } }
    }

    func hostSent(_ bytes: [UInt8]) {
        received.withLock { $0.append(bytes) }
        let answers = emulate(bytes)
        replies.withLock { $0 += answers.flatMap { $0 } }
    }

    /// Everything queued, up to the size of the host's bulk IN request: a device fills a
    /// request with full packets and ends it with a short one.
    func deviceReply(capacity: Int) -> [UInt8] {
        replies.withLock { queued in
            let out = Array(queued.prefix(capacity))
            queued.removeFirst(out.count)
            return out
        }
    }
}

private let pipeOut: fake_usb_out_fn = { context, bytes, count in
    guard let context else { return }
    let pipe = Unmanaged<EmulatorPipe>.fromOpaque(context).takeUnretainedValue()
    pipe.hostSent(bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
}

private let pipeIn: fake_usb_in_fn = { context, buffer, capacity in
    guard let context, let buffer else { return 0 }
    let pipe = Unmanaged<EmulatorPipe>.fromOpaque(context).takeUnretainedValue()
    let reply = pipe.deviceReply(capacity: capacity)
    reply.withUnsafeBufferPointer { source in
        if let base = source.baseAddress { buffer.update(from: base, count: reply.count) }
    }
    return reply.count
}

/// A umockdev testbed with fake USB readers on it. Only usable when the test process runs
/// with libumockdev-preload (`umockdev-wrapper`, as scripts/test does for the USB suite).
final class FakeUSBBus {
    static var available: Bool { fake_usb_preload_active() != 0 }
    static let skipReason: Comment =
        "USB suite skipped: needs libumockdev-preload (run `scripts/test`, or `umockdev-wrapper swift test --skip-build --filter USBTransportTests`)"

    private let bed: OpaquePointer
    private var pipes: [EmulatorPipe] = []

    init?() {
        guard Self.available, let bed = fake_usb_bed_new() else { return nil }
        self.bed = bed
    }

    struct Descriptor {
        var vendorID: UInt16
        var productID: UInt16
        var manufacturer = "FEIG ELECTRONIC"
        var product = "ID CPR40.30-USB"
        var serial = "0F1E2D3C"
        var interfaceClass: UInt8 = 0xFF
        var endpointIn: UInt8 = 0x81
        var endpointOut: UInt8 = 0x02
        /// A kernel driver bound to interface 0 when plugged in (nil: none).
        var kernelDriver: String?
        /// A HID keyboard interface before the bulk one, as readers with keyboard emulation have.
        var leadingHIDInterface = false

        static let feigCPR40 = Descriptor(vendorID: 0x0AB1, productID: 0x0004)
        /// A CCID-class interface (0x0B) with its bulk pair.
        static let acr1552u = Descriptor(
            vendorID: 0x072F, productID: 0x2308, manufacturer: "ACS", product: "ACR1552U", serial: "ACR0042",
            interfaceClass: 0x0B, endpointIn: 0x82, endpointOut: 0x02)
    }

    /// Plugs in a device answering through `emulator`; returns its bus number.
    @discardableResult
    func plug<E: ProtocolEmulator>(_ emulator: E, field: TagField, as descriptor: Descriptor = .feigCPR40) throws -> (bus: Int32, pipe: EmulatorPipe) {
        let pipe = EmulatorPipe(emulator, field: field)
        pipes.append(pipe)
        var error = [CChar](repeating: 0, count: 256)
        let bus = descriptor.manufacturer.withCString { manufacturer in
            descriptor.product.withCString { product in
                descriptor.serial.withCString { serial in
                    (descriptor.kernelDriver ?? "").withCString { driver in
                        var spec = FakeUSBDeviceSpec(
                            vendor_id: descriptor.vendorID, product_id: descriptor.productID, bcd_device: 0x0100,
                            manufacturer: manufacturer, product: product, serial: serial,
                            interface_class: descriptor.interfaceClass, endpoint_in: descriptor.endpointIn,
                            endpoint_out: descriptor.endpointOut, max_packet: 64,
                            leading_hid: descriptor.leadingHIDInterface ? 1 : 0, kernel_driver: descriptor.kernelDriver == nil ? nil : driver, on_out: pipeOut, on_in: pipeIn,
                            context: Unmanaged.passUnretained(pipe).toOpaque())
                        return fake_usb_bed_add(bed, &spec, &error, error.count)
                    }
                }
            }
        }
        guard bus > 0 else {
            throw FakeUSBError(message: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return (bus, pipe)
    }

    func unplug(bus: Int32) { fake_usb_bed_unplug(bed, bus) }

    /// The kernel driver still bound to the device on `bus`, nil once detached.
    func kernelDriver(bus: Int32) -> String? { fake_usb_bed_kernel_driver(bed, bus).map { String(cString: $0) } }

    deinit { fake_usb_bed_free(bed) }
}

struct FakeUSBError: Error, CustomStringConvertible {
    let message: String
    var description: String { "fake USB bus: \(message)" }
}
