/// What a driver can do. Callers check this before offering a feature (a gate without EAS alarm
/// support falls back to AFI inventory); a driver asked for something it lacks throws
/// `ReaderError.unsupported`, never does nothing.
public struct ReaderCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let inventory = ReaderCapabilities(rawValue: 1 << 0)
    public static let afiFilteredInventory = ReaderCapabilities(rawValue: 1 << 1)
    public static let multipleAntennas = ReaderCapabilities(rawValue: 1 << 2)
    public static let systemInformation = ReaderCapabilities(rawValue: 1 << 3)
    public static let readBlocks = ReaderCapabilities(rawValue: 1 << 4)
    public static let writeBlocks = ReaderCapabilities(rawValue: 1 << 5)
    /// One command writes several blocks (fewer round trips when tagging).
    public static let writeMultipleBlocks = ReaderCapabilities(rawValue: 1 << 6)
    public static let writeAFI = ReaderCapabilities(rawValue: 1 << 7)
    public static let writeDSFID = ReaderCapabilities(rawValue: 1 << 8)
    public static let eas = ReaderCapabilities(rawValue: 1 << 9)
    public static let easAlarm = ReaderCapabilities(rawValue: 1 << 10)
    public static let rfControl = ReaderCapabilities(rawValue: 1 << 11)
    public static let outputs = ReaderCapabilities(rawValue: 1 << 12)
    public static let version = ReaderCapabilities(rawValue: 1 << 13)
    /// The AFI can be read on its own (`RFIDReader.afi(uid:)`): from system information, or
    /// with a reader command of its own (3M 810 Get AFI 0x0A) where system information is missing.
    public static let readAFI = ReaderCapabilities(rawValue: 1 << 14)

    /// Names for documentation, `rfid-station readers` and the supported-reader table.
    public static let names: [(ReaderCapabilities, String)] = [
        (.inventory, "inventory"), (.afiFilteredInventory, "afi-inventory"), (.multipleAntennas, "antennas"),
        (.systemInformation, "system-info"), (.readBlocks, "read"), (.writeBlocks, "write"),
        (.writeMultipleBlocks, "write-multiple"), (.writeAFI, "afi"), (.readAFI, "afi-read"), (.writeDSFID, "dsfid"), (.eas, "eas"),
        (.easAlarm, "eas-alarm"), (.rfControl, "rf"), (.outputs, "outputs"), (.version, "version"),
    ]

    public var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }
}
