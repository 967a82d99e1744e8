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
        /// Several tags are in the field where the operation needs exactly one.
        case severalTags
        /// A block outside the tag's memory (the tag's ISO error 0x10, the 3M 810's 0x11), or
        /// outside what ISO 15693 can address at all (beyond block 255).
        case blockOutOfRange
        /// The reader or the tag reported another error status (code in `status`).
        case deviceStatus
        /// Bytes arrived that are not a valid frame, or the CRC is wrong, after retries.
        case protocolViolation
        /// A local I/O error (errno-level) on the port or device.
        case io
        /// The request itself is invalid (data not a multiple of the block size, a block size
        /// ISO 15693 does not have, an antenna that does not exist).
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
    /// Reader or tag status byte when the reader or the tag reported one (`.deviceStatus`,
    /// `.blockOutOfRange`, `.noTag` from a status).
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
        // The reader works; the tag is missing, not alone, or smaller than asked: 66, not 69.
        case .noTag, .severalTags, .blockOutOfRange: .tagProblem
        case .deviceStatus: .unavailable
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
