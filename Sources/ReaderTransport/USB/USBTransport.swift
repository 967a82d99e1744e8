import CLibUSB
import Synchronization

/// A reader's bulk IN/OUT endpoint pair over libusb (FEIG USB readers carry their ISO Host
/// frames this way; CCID readers their CCID messages). Opened through `USBBus.open`.
///
/// Reads are sliced (at most 100 ms per libusb call) so `close()` from another thread takes
/// effect promptly, and whatever a bulk IN packet brings beyond `maxCount` is kept for the next
/// read instead of being lost.
public final class USBTransport: ByteTransport {
    public let info: USBDeviceInfo
    public let endpointIn: UInt8
    public let endpointOut: UInt8
    public let interface: Int32
    private let bus: USBBus
    private let handle: LibUSBPointer
    private let leftover = Mutex<[UInt8]>([])
    private let gate = CallGate()

    public var description: String { info.description }
    private var endpoint: String { info.description }

    init(bus: USBBus, device: OpaquePointer, info: USBDeviceInfo, interface wanted: Int32?) throws(TransportError) {
        self.bus = bus
        self.info = info
        let pair = try USBBulkPair.find(in: device, interface: wanted, endpoint: info.description)
        interface = pair.interface
        endpointIn = pair.endpointIn
        endpointOut = pair.endpointOut
        var opened: OpaquePointer?
        let status = libusb_open(device, &opened)
        guard status == 0, let opened else { throw LibUSBStatus.error(status, endpoint: info.description, "open") }
        // A kernel driver (e.g. usbhid or cdc_acm bound by mistake) would keep the interface.
        if libusb_kernel_driver_active(opened, pair.interface) == 1 {
            let detached = libusb_detach_kernel_driver(opened, pair.interface)
            if detached != 0 {
                libusb_close(opened)
                throw LibUSBStatus.error(detached, endpoint: info.description, "detach kernel driver")
            }
        }
        let claimed = libusb_claim_interface(opened, pair.interface)
        guard claimed == 0 else {
            libusb_close(opened)
            throw LibUSBStatus.error(claimed, endpoint: info.description, "claim interface \(pair.interface)")
        }
        handle = LibUSBPointer(raw: opened)
    }

    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try enter()
        defer { leave() }
        var offset = 0
        var stalls = 0
        var data = bytes
        while offset < data.count {
            try TransportCancellation.check(endpoint)
            let ms = Deadline.pollMilliseconds(until: deadline, slice: 1000)
            guard ms > 0 else { throw TransportError(.timeout, endpoint: endpoint, "bulk OUT stalled: \(offset) of \(bytes.count) bytes sent") }
            var sent: Int32 = 0
            let status = data.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let base = buffer.baseAddress else { return LIBUSB_ERROR_INVALID_PARAM.rawValue }
                return libusb_bulk_transfer(handle.raw, endpointOut, base + offset, Int32(buffer.count - offset), &sent, UInt32(ms))
            }
            offset += Int(sent)
            switch status {
            case 0, LIBUSB_ERROR_TIMEOUT.rawValue, LIBUSB_ERROR_INTERRUPTED.rawValue: continue
            case LIBUSB_ERROR_PIPE.rawValue where stalls < 2:
                stalls += 1
                _ = libusb_clear_halt(handle.raw, endpointOut)
            default: throw LibUSBStatus.error(status, endpoint: endpoint, "bulk OUT")
            }
        }
    }

    public func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        let limit = max(1, maxCount)
        if let kept = takeLeftover(limit) { return kept }
        try enter()
        defer { leave() }
        var stalls = 0
        // A multiple of any bulk max packet size, so a packet never overflows the buffer.
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if gate.isClosed { throw TransportError(.disconnected, endpoint: endpoint, "the transport was closed") }
            try TransportCancellation.check(endpoint)
            let ms = Deadline.pollMilliseconds(until: deadline)
            guard ms > 0 else { throw TransportError(.timeout, endpoint: endpoint, "no bytes from the reader before the deadline") }
            var got: Int32 = 0
            let status = buffer.withUnsafeMutableBufferPointer {
                libusb_bulk_transfer(handle.raw, endpointIn, $0.baseAddress, Int32($0.count), &got, UInt32(ms))
            }
            if got > 0 {
                let chunk = Array(buffer.prefix(Int(got)))
                if chunk.count > limit { leftover.withLock { $0 += chunk[limit...] } }
                return Array(chunk.prefix(limit))
            }
            switch status {
            case 0, LIBUSB_ERROR_TIMEOUT.rawValue, LIBUSB_ERROR_INTERRUPTED.rawValue: continue
            case LIBUSB_ERROR_PIPE.rawValue where stalls < 2:
                stalls += 1
                _ = libusb_clear_halt(handle.raw, endpointIn)
            default: throw LibUSBStatus.error(status, endpoint: endpoint, "bulk IN")
            }
        }
    }

    /// Drops kept bytes and whatever the device has queued on bulk IN right now. Each drain
    /// waits 25 ms: a bulk IN round trip can take a few milliseconds on a busy host, and a stale
    /// reply missed here would be taken for the answer to the next request.
    public func flush() throws(TransportError) {
        leftover.withLock { $0 = [] }
        try enter()
        defer { leave() }
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<8 {
            var got: Int32 = 0
            let status = libusb_bulk_transfer(handle.raw, endpointIn, &buffer, Int32(buffer.count), &got, 25)
            if status == LIBUSB_ERROR_NO_DEVICE.rawValue { throw LibUSBStatus.error(status, endpoint: endpoint, "flush") }
            if got == 0 { return }
        }
    }

    /// Clears a stalled endpoint pair (the reader answered a malformed request with STALL).
    public func clearHalt() throws(TransportError) {
        try enter()
        defer { leave() }
        for ep in [endpointIn, endpointOut] {
            let status = libusb_clear_halt(handle.raw, ep)
            guard status == 0 else { throw LibUSBStatus.error(status, endpoint: endpoint, "clear halt") }
        }
    }

    /// A USB port reset, the software equivalent of replugging; the interface is claimed again.
    public func reset() throws(TransportError) {
        try enter()
        defer { leave() }
        leftover.withLock { $0 = [] }
        let status = libusb_reset_device(handle.raw)
        guard status == 0 else { throw LibUSBStatus.error(status, endpoint: endpoint, "reset") }
        let claimed = libusb_claim_interface(handle.raw, interface)
        guard claimed == 0 else { throw LibUSBStatus.error(claimed, endpoint: endpoint, "claim interface after reset") }
    }

    public func close() {
        // Calls in flight leave libusb within one read slice (100 ms).
        guard gate.close() else { return }
        _ = libusb_release_interface(handle.raw, interface)
        libusb_close(handle.raw)
    }

    deinit { close() }

    private func takeLeftover(_ limit: Int) -> [UInt8]? {
        leftover.withLock { kept in
            guard !kept.isEmpty else { return nil }
            let out = Array(kept.prefix(limit))
            kept.removeFirst(out.count)
            return out
        }
    }

    private func enter() throws(TransportError) {
        guard gate.enter() else { throw TransportError(.disconnected, endpoint: endpoint, "the transport was closed") }
    }

    private func leave() { gate.leave() }
}
