import ReaderCore
import ReaderTransport
import RFIDCommon

public enum ReaderFactoryError: UserFacingError, Equatable {
    case address(ReaderAddressError)
    /// The address names a driver this program's table does not contain.
    case driverNotBuilt(String, address: String)
    /// The driver exists but the transport the address needs does not, in this build.
    case transportNotBuilt(String, address: String)
    /// The driver does not run over this kind of transport (a TI EVM over TCP, say).
    case transportUnsupported(String, transport: String, address: String)
    /// The port, connection or USB device could not be opened (missing, in use, refused...).
    case transport(TransportError)
    case reader(ReaderError)
    /// The driver's own set-up failed before any transport (the mock's state file is missing
    /// or corrupt), with that failure's message and exit status.
    case setup(String, exitStatus: ExitStatus)

    public var exitStatus: ExitStatus {
        switch self {
        case .address(let e): e.exitStatus
        case .driverNotBuilt, .transportNotBuilt: .unavailable
        case .transportUnsupported: .usage
        case .transport(let e): e.exitStatus
        case .reader(let e): e.exitStatus
        case .setup(_, let status): status
        }
    }

    public var description: String {
        switch self {
        case .address(let e): e.description
        case .driverNotBuilt(let d, let a): "driver \(d) not built into this program (reader address \(a))"
        case .transportNotBuilt(let t, let a): "transport \(t) not built into this program (reader address \(a))"
        case .transportUnsupported(let d, let t, let a):
            "the \(d) driver does not run over \(t) (reader address \(a)); see Docs/drivers.md for the addresses each reader takes"
        case .transport(let e): "cannot open the reader: \(e.description)"
        case .reader(let e): e.description
        case .setup(let message, _): message
        }
    }
}
