import RFIDCommon

/// A gate store that cannot be opened, read or written. Names the file and the step, never a
/// stored value.
public struct GateStoreError: UserFacingError, Equatable {
    public enum Kind: Sendable, Equatable {
        case cannotOpen
        case corrupt
        case io
        case unsupportedURL
    }

    public var kind: Kind
    public var location: String
    public var detail: String

    public init(_ kind: Kind, location: String, _ detail: String) {
        self.kind = kind
        self.location = location
        self.detail = detail
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .unsupportedURL: .usage
        case .corrupt: .dataError
        case .cannotOpen, .io: .ioError
        }
    }

    public var description: String { "\(location): \(detail)" }
}
