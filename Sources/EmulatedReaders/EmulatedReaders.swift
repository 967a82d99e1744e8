import ReaderCore
import ReaderDrivers
import ReaderEmulation

/// The `emulated:` demo reader and the `mock:` reader as driver-table entries. They live apart
/// from the production drivers so a gate or station build cannot reach an emulator by
/// accident: a program that wants them adds them to its table (`EmulatedReaders.table`).
public enum EmulatedReaders {
    /// `emulated:`: the real FEIG driver against the FEIG emulator with the demo tags, so the
    /// demo runs the real protocol. `mock:/path/state.json`: the mock reader over a state file.
    public static let entries: [ReaderDriverEntry] = [emulated, mock]

    /// The production drivers plus the demo and mock readers.
    public static let table = ReaderDriverTable.standard.adding(entries)

    public static let emulated = ReaderDriverEntry(
        name: ReaderAddress.emulated.driver, model: "demo reader: the FEIG driver against its emulator, demo tags",
        transports: [.inProcess],
        open: { _ throws(ReaderFactoryError) in
            FEIGReader(transport: InMemoryLink(FEIGEmulator(), field: TagField(DemoTags.all)))
        })

    public static let mock = ReaderDriverEntry(
        name: "mock", model: "mock reader over a JSON state file", transports: [.stateFile],
        open: { o throws(ReaderFactoryError) in
            guard case .stateFile(let path) = o.address.kind else {
                throw .transportUnsupported("mock", transport: o.address.kind.transport.rawValue, address: o.address.description)
            }
            do throws(MockStateFileError) { _ = try MockStateFile(path: path).load() } catch { throw .setup(error.description, exitStatus: error.exitStatus) }
            return MockReader(stateFile: path)
        })
}
