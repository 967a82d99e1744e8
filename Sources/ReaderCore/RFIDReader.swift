/// The one interface every reader driver implements, whatever its protocol or transport.
///
/// Drivers are actors (or otherwise thread-safe): a gate daemon polls while a signal handler
/// may close. Every method has a deadline taken from the driver's configured timeout; none may
/// block forever. An operation outside `capabilities` throws `ReaderError` of kind `.unsupported`.
public protocol RFIDReader: AnyObject, Sendable {
    /// Driver name and address, for messages ("feig on /dev/ttyUSB0").
    var name: String { get }
    var capabilities: ReaderCapabilities { get }

    /// Tags in the field. `afi` restricts the answer to tags with that AFI (gates ask for 0x07);
    /// `antenna` selects one antenna on multiplexed readers.
    func inventory(afi: UInt8?, antenna: Int?) async throws(ReaderError) -> [InventoryItem]
    func systemInformation(uid: TagUID) async throws(ReaderError) -> TagSystemInfo
    /// Reads `count` blocks starting at `first`; returns count * blockSize bytes.
    func readBlocks(uid: TagUID, first: Int, count: Int, blockSize: Int) async throws(ReaderError) -> [UInt8]
    /// Writes whole blocks starting at `first`. Uses one multi-block command where reader and tag
    /// support it, else block by block with bounded retries.
    func writeBlocks(uid: TagUID, first: Int, data: [UInt8], blockSize: Int) async throws(ReaderError)
    func writeAFI(uid: TagUID, afi: UInt8) async throws(ReaderError)
    /// The tag's AFI. The default reads it from system information; a driver whose reader
    /// has a command of its own for it (3M 810 Get AFI) overrides this.
    func afi(uid: TagUID) async throws(ReaderError) -> UInt8
    func writeDSFID(uid: TagUID, dsfid: UInt8) async throws(ReaderError)
    /// NXP Set EAS (true) / Reset EAS (false).
    func setEAS(uid: TagUID, enabled: Bool) async throws(ReaderError)
    /// NXP EAS Alarm. Its answer carries no UID, so with `uid == nil` (what a gate sends) it says
    /// whether any tag in the field has EAS set; addressed to one UID it says whether that tag's
    /// EAS bit is set (an inventory lists it per tag, and a gate logs it as the alarm's reason).
    func easAlarm(uid: TagUID?) async throws(ReaderError) -> Bool
    /// The unaddressed EAS alarm on one antenna of a multiplexed reader (a gate in EAS mode);
    /// nil: the reader's current antenna. The default handles nil only.
    func easAlarm(antenna: Int?) async throws(ReaderError) -> Bool
    func setRF(on: Bool) async throws(ReaderError)
    func setOutputs(_ commands: [OutputCommand]) async throws(ReaderError)
    /// Firmware / model string.
    func version() async throws(ReaderError) -> String
    /// Releases the port or device. Further calls throw `.disconnected`.
    func close() async
}

extension RFIDReader {
    /// Whether any tag in the field has EAS set.
    public func easAlarm() async throws(ReaderError) -> Bool { try await easAlarm(uid: nil) }

    public func easAlarm(antenna: Int?) async throws(ReaderError) -> Bool {
        guard antenna == nil else {
            throw ReaderError(.unsupported, operation: "EAS alarm", "\(name) cannot select an antenna for the EAS alarm")
        }
        return try await easAlarm(uid: nil)
    }

    public func afi(uid: TagUID) async throws(ReaderError) -> UInt8 {
        guard capabilities.contains(.systemInformation) else {
            throw ReaderError(.unsupported, operation: "read AFI", "\(name) can read neither system information nor the AFI alone")
        }
        guard let afi = try await systemInformation(uid: uid).afi else {
            throw ReaderError(.unsupported, operation: "read AFI", "the tag's system information does not include its AFI")
        }
        return afi
    }
}
