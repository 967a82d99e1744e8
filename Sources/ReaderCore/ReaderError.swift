import RFIDCommon

/// Everything that can go wrong talking to a reader, phrased for the person at the desk.
public struct ReaderError: UserFacingError, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The driver cannot do this operation (the capability is missing).
        case unsupported
        /// No reply (or no complete reply) before the deadline.
        case timeout
        /// The device is gone (unplugged, pty closed, TCP peer closed).
        case disconnected
        /// The device could not be opened: not present, busy, or permission denied.
        case unavailable
        /// No tag answered, or the addressed tag left the field.
        case noTag
        /// The reader or the tag reported an error status (code in `status`).
        case deviceStatus
        /// Bytes arrived that are not a valid frame, or the CRC is wrong, after retries.
        case protocolViolation
        /// A local I/O error (errno-level) on the port or device.
        case io
        /// The request itself is invalid (block out of range, data not a multiple of the block size).
        case invalidRequest
        /// The caller stopped waiting: the task was cancelled (a daemon stopping on SIGTERM)
        /// while a transport call was in flight. Whether the reader acted on the request is
        /// unknown, as after a timeout.
        case cancelled
    }

    public var kind: Kind
    /// The operation that failed, e.g. "write AFI".
    public var operation: String
    public var detail: String
    /// Reader or tag status byte when `kind == .deviceStatus`.
    public var status: UInt8?

    public init(_ kind: Kind, operation: String, _ detail: String, status: UInt8? = nil) {
        self.kind = kind
        self.operation = operation
        self.detail = detail
        self.status = status
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .unavailable, .disconnected, .timeout, .cancelled: .unavailable
        case .io: .ioError
        case .protocolViolation: .dataError
        case .invalidRequest, .unsupported: .usage
        case .noTag, .deviceStatus: .unavailable
        }
    }

    public var description: String {
        var s = "\(operation): \(detail)"
        if let status { s += " (status 0x\(Hex.encode([status])))" }
        return s
    }

    public static func unsupported(_ operation: String, by driver: String) -> ReaderError {
        ReaderError(.unsupported, operation: operation, "not supported by the \(driver) driver")
    }
}
