/// A USB bulk OUT / bulk IN endpoint pair, the way CCID readers (ACS ACR1552U) are driven
/// without pcscd. Kept to the two calls a message protocol needs so a libusb transport, a test
/// double or a byte-stream adapter can each provide it in a few lines.
///
/// Contract: `bulkOut` sends one whole message (the implementation splits it into packets) or
/// throws. `bulkIn` returns the bytes of one bulk transfer (at least one byte, at most
/// `maxLength`), which may hold part of a message, one message, or the end of one and the
/// start of the next: callers reassemble. Both wait no longer than `deadline` and throw
/// `TransportError` (`.timeout`, `.disconnected` when the device is gone). Thread-safe for
/// one writer and one reader.
public protocol BulkEndpoints: AnyObject, Sendable {
    /// "usb 072f:2308 bus 1 dev 7".
    var description: String { get }
    func bulkOut(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError)
    func bulkIn(maxLength: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8]
    func close()
}
