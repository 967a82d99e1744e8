/// CCID drivers (ACR1552U) speak in bulk transfers rather than a byte stream; the USB
/// transport is both. `bulkIn` keeps any bytes past `maxLength` for the next call, so a
/// message split across calls is reassembled by the caller without loss.
extension USBTransport: BulkEndpoints {
    public func bulkOut(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try write(bytes, deadline: deadline)
    }

    public func bulkIn(maxLength: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        try read(maxCount: maxLength, deadline: deadline)
    }
}
