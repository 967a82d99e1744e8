import RFIDCommon

/// The activity store could not be opened, read or written: where, and why.
public struct StationActivityError: UserFacingError, Equatable {
    public var location: String
    public var detail: String
    public var exitStatus: ExitStatus

    public init(location: String, detail: String, exitStatus: ExitStatus = .ioError) {
        self.location = location
        self.detail = detail
        self.exitStatus = exitStatus
    }

    public var description: String { "station activity store \(location): \(detail)" }
}
