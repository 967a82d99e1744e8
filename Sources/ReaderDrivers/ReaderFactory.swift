import ReaderCore
import ReaderEmulation
import RFIDCommon
import ReaderTransport

/// Turns a reader address into a working reader: opens the transport and builds the driver.
/// A driver that is not part of this build is reported as such, never replaced by another
/// reader: a station that silently tagged against the mock would lose real work.
public enum ReaderFactory {
    public static func open(_ address: ReaderAddress) async throws(ReaderFactoryError) -> any RFIDReader {
        switch (address.driver, address.kind) {
        case (.emulated, _):
            // The real FEIG driver against the FEIG emulator, so the demo runs the real protocol.
            let link = InMemoryLink(FEIGEmulator(), field: TagField(DemoTags.all))
            return FEIGReader(transport: link)
        case (.mock, .stateFile(let path)):
            do { _ = try MockStateFile(path: path).load() } catch { throw .stateFile(error) }
            return MockReader(stateFile: path)
        case (.feig, .serial), (.feig, .tcp):
            return FEIGReader(transport: try openStreamTransport(address), configuration: feigConfiguration(address))
        case (.threeM810, .serial), (.threeM810, .tcp):
            return ThreeM810Reader(
                transport: try openStreamTransport(address), configuration: .init(retry: retryPolicy(address)))
        case (.trf7970a, .serial):
            return TRF7970AReader(
                transport: try openStreamTransport(address), configuration: .init(retry: retryPolicy(address)))
        case (.feig, .usb(let vendorID, let productID, let serial)):
            let transport = try openUSB(vendorID: vendorID, productID: productID, serial: serial, driver: "feig")
            return FEIGReader(transport: transport, configuration: feigConfiguration(address))
        case (.acr1552u, .usb(let vendorID, let productID, let serial)):
            // CCID messages on the reader's bulk pair; pcscd must not hold the reader.
            let transport = try openUSB(vendorID: vendorID, productID: productID, serial: serial, driver: "acr1552u")
            return ACR1552UReader(endpoints: transport, configuration: .init(retry: retryPolicy(address)))
        case (let driver, let kind):
            // Every driver is built; what is left is a driver asked to run over a transport it
            // does not speak (only reachable from an address built in code, not from parsing).
            throw .transportUnsupported(driver.rawValue, transport: transportName(kind), address: address.description)
        }
    }

    static func transportName(_ kind: ReaderAddress.Kind) -> String {
        switch kind {
        case .serial: "serial"
        case .tcp: "tcp"
        case .usb: "usb"
        case .stateFile: "state file"
        case .emulated: "in-memory"
        }
    }

    /// Parses then opens; the usual entry point for command-line tools.
    public static func open(_ text: String) async throws(ReaderFactoryError) -> any RFIDReader {
        let address: ReaderAddress
        do { address = try ReaderAddress(parsing: text) } catch { throw .address(error) }
        return try await open(address)
    }
}

public enum ReaderFactoryError: UserFacingError, Equatable {
    case address(ReaderAddressError)
    case stateFile(MockStateFileError)
    /// The address names a driver this build does not contain yet.
    case driverNotBuilt(String, address: String)
    /// The driver exists but the transport the address needs does not, in this build.
    case transportNotBuilt(String, address: String)
    /// The driver does not run over this kind of transport (a TI EVM over TCP, say).
    case transportUnsupported(String, transport: String, address: String)
    /// The port, connection or USB device could not be opened (missing, in use, refused...).
    case transport(TransportError)
    case reader(ReaderError)

    public var exitStatus: ExitStatus {
        switch self {
        case .address(let e): e.exitStatus
        case .stateFile(let e): e.exitStatus
        case .driverNotBuilt, .transportNotBuilt: .unavailable
        case .transportUnsupported: .usage
        case .transport(let e): e.exitStatus
        case .reader(let e): e.exitStatus
        }
    }

    public var description: String {
        switch self {
        case .address(let e): e.description
        case .stateFile(let e): e.description
        case .driverNotBuilt(let d, let a): "driver \(d) not built yet (reader address \(a)); use mock: or emulated: meanwhile"
        case .transportNotBuilt(let t, let a): "transport \(t) not built yet (reader address \(a)); use mock: or emulated: meanwhile"
        case .transportUnsupported(let d, let t, let a):
            "the \(d) driver does not run over \(t) (reader address \(a)); see Docs/drivers.md for the addresses each reader takes"
        case .transport(let e): "cannot open the reader: \(e.description)"
        case .reader(let e): e.description
        }
    }
}
