import ReaderTransport

/// Presents any byte transport as a bulk endpoint pair: the in-memory link to the ACR1552U
/// emulator in tests and `emulated` set-ups, or a pty to `rfid-emulator`. CCID messages carry
/// their own length, so a byte stream loses nothing a bulk pipe would keep.
public final class ByteStreamBulkEndpoints: BulkEndpoints {
    private let transport: any ByteTransport
    public var description: String { transport.description }

    public init(_ transport: any ByteTransport) { self.transport = transport }

    public func bulkOut(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try transport.write(bytes, deadline: deadline)
    }

    public func bulkIn(maxLength: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        try transport.read(maxCount: maxLength, deadline: deadline)
    }

    public func close() { transport.close() }
}
