import ReaderCore
import ReaderTransport

/// The drivers a program can open, one entry each. Production tools use `standard`; the demo
/// and mock readers are entries of their own (module `EmulatedReaders`) that a program adds
/// when it wants them, so production drivers never depend on the emulators.
public struct ReaderDriverTable: Sendable {
    public private(set) var entries: [ReaderDriverEntry]

    public init(_ entries: [ReaderDriverEntry]) {
        self.entries = []
        for entry in entries { add(entry) }
    }

    /// The table with `more` added; an entry with a name already present replaces it.
    public func adding(_ more: [ReaderDriverEntry]) -> ReaderDriverTable {
        var table = self
        for entry in more { table.add(entry) }
        return table
    }

    private mutating func add(_ entry: ReaderDriverEntry) {
        if let i = entries.firstIndex(where: { $0.name == entry.name }) {
            entries[i] = entry
        } else {
            entries.append(entry)
        }
    }

    public subscript(_ name: ReaderAddress.Driver) -> ReaderDriverEntry? { entries.first { $0.name == name } }

    /// Every USB reader some entry drives, with that entry's name as `driver`.
    public var usbReaders: [KnownUSBReader] { entries.flatMap(\.usbReaders) }

    /// The USB reader with these ids, if an entry drives it.
    public func usbReader(vendorID: UInt16, productID: UInt16) -> KnownUSBReader? {
        usbReaders.first { $0.vendorID == vendorID && $0.productID == productID }
    }

    /// The address `text` names, with its driver's options checked by the driver's entry.
    public func address(parsing text: String) throws(ReaderAddressError) -> ReaderAddress {
        try ReaderAddress(parsing: text, vocabulary: self)
    }
}

extension ReaderDriverTable: ReaderAddressVocabulary {
    public func resolve(scheme: String) -> (driver: ReaderAddress.Driver, transport: ReaderAddress.Transport)? {
        for entry in entries {
            if let match = entry.schemes.first(where: { $0.scheme == scheme }) { return (entry.name, match.transport) }
        }
        return nil
    }

    public var schemes: [String] { entries.flatMap { $0.schemes.map(\.scheme) } }

    public func optionNames(for driver: ReaderAddress.Driver) -> [String] { self[driver]?.optionNames ?? [] }

    public func drivers(taking option: String) -> [ReaderAddress.Driver] {
        entries.filter { $0.optionNames.contains(option) }.map(\.name)
    }

    public func check(_ option: DriverOption, for driver: ReaderAddress.Driver) throws(ReaderAddressError) {
        try self[driver]?.checkOption(option)
    }
}
