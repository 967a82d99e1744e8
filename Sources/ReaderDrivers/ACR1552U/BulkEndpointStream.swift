import ReaderTransport

/// A bulk endpoint pair seen as a byte transport, so `ExchangeLoop` can drive a CCID exchange
/// machine over it. Flushing is not needed: CCID replies carry a sequence number and a late
/// one is recognised and skipped, so nothing is flushed.
final class BulkEndpointStream: ByteTransport {
    let endpoints: any BulkEndpoints
    var description: String { endpoints.description }

    init(_ endpoints: any BulkEndpoints) { self.endpoints = endpoints }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try endpoints.bulkOut(bytes, deadline: deadline)
    }

    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        try endpoints.bulkIn(maxLength: maxCount, deadline: deadline)
    }

    func flush() throws(TransportError) {}
    func close() { endpoints.close() }
}
