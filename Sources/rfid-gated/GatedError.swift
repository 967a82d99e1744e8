import RFIDCommon

/// What stops the daemon before or while it runs, phrased for the operator.
enum GatedError: UserFacingError {
    case noGates(String?)
    case duplicateGate(String)
    case listen(String)
    case serviceFailed(String)

    var exitStatus: ExitStatus {
        switch self {
        case .noGates, .duplicateGate, .listen: .dataError
        case .serviceFailed: .ioError
        }
    }

    var description: String {
        switch self {
        case .noGates(let file):
            "\(file ?? "the built-in defaults") configure no [[gate]]: add one per gate (see Docs/gate.md)"
        case .duplicateGate(let id): "two [[gate]] tables have the id \(id): each gate needs its own"
        case .listen(let text): "[metrics] listen \"\(text)\" is not host:port"
        case .serviceFailed(let what): "the daemon stopped: \(what)"
        }
    }
}
