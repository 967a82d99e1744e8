import ReaderCore
import RFIDCommon

/// Turns a reader address into a working reader through the driver table: finds the entry,
/// checks the transport is one it speaks, and lets the entry open it. A driver that is not in
/// the table is reported as such, never replaced by another reader: a station that silently
/// tagged against the mock would lose real work.
public enum ReaderFactory {
    public static func open(
        _ address: ReaderAddress, drivers: ReaderDriverTable = .standard
    ) async throws(ReaderFactoryError) -> any RFIDReader {
        guard let entry = drivers[address.driver] else {
            throw .driverNotBuilt(address.driver.rawValue, address: address.description)
        }
        guard entry.transports.contains(address.kind.transport) else {
            // Only reachable from an address built in code: parsing knows each driver's schemes.
            throw .transportUnsupported(
                entry.name.rawValue, transport: address.kind.transport.rawValue, address: address.description)
        }
        if !address.driverOptions.isEmpty {
            // Built in code, its driver options have not been checked yet: check them as text,
            // so a bad one is reported the way a typed address would be.
            do { _ = try drivers.address(parsing: address.description) } catch { throw .address(error) }
        }
        return try await entry.open(ReaderOpening(address: address, entry: entry))
    }

    /// Parses then opens; the usual entry point for command-line tools.
    public static func open(
        _ text: String, drivers: ReaderDriverTable = .standard
    ) async throws(ReaderFactoryError) -> any RFIDReader {
        let address: ReaderAddress
        do { address = try drivers.address(parsing: text) } catch { throw .address(error) }
        return try await open(address, drivers: drivers)
    }
}
