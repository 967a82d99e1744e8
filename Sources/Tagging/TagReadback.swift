import ReaderCore

/// Everything a reader can tell about one tag: its memory, DSFID, AFI and EAS bit. Nil where
/// the reader cannot tell (the 3M 810 has no DSFID or EAS command), which is never the same
/// as a value: a report says "unknown", not "off".
public struct TagReadback: Sendable, Equatable {
    public var uid: TagUID
    public var memory: [UInt8]
    public var blockSize: Int
    public var dsfid: UInt8?
    public var afi: UInt8?
    public var eas: Bool?
    /// The layout the tag reported in system information (nil where the reader has none).
    public var reportedLayout: TagLayout?

    public init(
        uid: TagUID, memory: [UInt8], blockSize: Int, dsfid: UInt8?, afi: UInt8?, eas: Bool?, reportedLayout: TagLayout? = nil
    ) {
        self.reportedLayout = reportedLayout
        self.uid = uid
        self.memory = memory
        self.blockSize = blockSize
        self.dsfid = dsfid
        self.afi = afi
        self.eas = eas
    }

    public var blockCount: Int { blockSize == 0 ? 0 : memory.count / blockSize }

    /// Reads it all: memory in one command where the reader allows, then the registers.
    public static func read(
        _ uid: TagUID, layout: TagLayout, from reader: any RFIDReader
    ) async throws(ReaderError) -> TagReadback {
        let memory = try await reader.readBlocks(uid: uid, first: 0, count: layout.blockCount, blockSize: layout.blockSize)
        var dsfid: UInt8?
        var afi: UInt8?
        var reported: TagLayout?
        if reader.capabilities.contains(.systemInformation) {
            let info = try await reader.systemInformation(uid: uid)
            dsfid = info.dsfid
            afi = info.afi
            reported = TagLayout(blockCount: info.blockCount, blockSize: info.blockSize)
        } else if reader.capabilities.contains(.readAFI) {
            afi = try await reader.afi(uid: uid)
        }
        let eas: Bool? = reader.capabilities.contains(.easAlarm) ? try await reader.easAlarm(uid: uid) : nil
        return TagReadback(
            uid: uid, memory: memory, blockSize: layout.blockSize, dsfid: dsfid, afi: afi, eas: eas, reportedLayout: reported)
    }
}
