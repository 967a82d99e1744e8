import ReaderCore
import ReaderProtocols
import ReaderTransport

/// One CCID command and its reply over a bulk endpoint pair. Replies are matched by slot and
/// sequence number, so a late reply to an abandoned command is recognised and dropped instead
/// of being taken for the answer to the next one. A "time extension" reply extends the wait
/// (bounded); silence is retried with a fresh sequence number.
enum CCIDExchange {
    /// Time extensions honoured per command before giving up.
    static let maximumExtensions = 8

    static func run(
        _ request: CCIDMessage, over endpoints: any BulkEndpoints, policy: RetryPolicy, operation: String,
        nextSequence: () -> UInt8
    ) async throws(ReaderError) -> CCIDMessage {
        var last = "no reply"
        for _ in 1...policy.attempts {
            var message = request
            message.sequence = nextSequence()
            let sent = message
            let outcome: CCIDMessage?
            do throws(TransportError) {
                outcome = try await TransportIO.run { () throws(TransportError) -> CCIDMessage? in
                    try once(sent, endpoints, policy.timeout)
                }
            } catch {
                throw ReaderError(error, operation: operation)
            }
            if let reply = outcome { return reply }
            last = "no reply to CCID message 0x\(String(request.kind.rawValue, radix: 16, uppercase: true))"
        }
        throw ReaderError(.timeout, operation: operation, "\(last) after \(policy.attemptsDescription)")
    }

    static func once(_ request: CCIDMessage, _ endpoints: any BulkEndpoints, _ timeout: Duration) throws(TransportError) -> CCIDMessage? {
        var deadline = ContinuousClock.now + timeout
        try endpoints.bulkOut(request.encoded(), deadline: deadline)
        var assembler = FrameAssembler<CCIDScanner>()
        var extensions = 0
        while true {
            let chunk: [UInt8]
            do {
                chunk = try endpoints.bulkIn(maxLength: CCIDMessage.headerLength + CCIDMessage.maximumDataLength, deadline: deadline)
            } catch where error.kind == .timeout {
                return nil
            }
            for case .frame(let reply) in assembler.push(chunk) {
                guard reply.kind.fromReader, reply.slot == request.slot, reply.sequence == request.sequence else { continue }
                if reply.status.command == .timeExtension, extensions < maximumExtensions {
                    extensions += 1
                    deadline = ContinuousClock.now + timeout
                    continue
                }
                return reply
            }
        }
    }
}
