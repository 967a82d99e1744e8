import RFIDCommon

/// An ISO 15693 UID, held most significant byte first (E0 ...), the way people print it. Drivers
/// reverse it for the air interface and for readers that send it LSB first.
public struct TagUID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 8 else { return nil }
        self.bytes = bytes
    }

    /// Parses 16 hex digits, MSB first ("E004010046707A28").
    public init?(hex: String) {
        guard let b = try? Hex.decode(hex), b.count == 8 else { return nil }
        self.bytes = b
    }

    /// LSB first, the order on the air and in some reader protocols.
    public var leastSignificantFirst: [UInt8] { bytes.reversed() }

    public var description: String { Hex.encode(bytes) }

    public static func < (a: TagUID, b: TagUID) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

/// One tag answering an inventory.
public struct InventoryItem: Sendable, Equatable {
    public var uid: TagUID
    /// The DSFID the tag sent with its inventory answer, or nil when the reader's inventory
    /// reply does not carry it (the TI EVM prints UID and RSSI only; the 3M 810 lists UIDs).
    /// Nil is not "DSFID 00": a caller that needs the value asks system information.
    public var dsfid: UInt8?
    /// Antenna number (1-based) where the reader reports it.
    public var antenna: Int?

    public init(uid: TagUID, dsfid: UInt8?, antenna: Int? = nil) {
        self.uid = uid
        self.dsfid = dsfid
        self.antenna = antenna
    }
}

/// ISO 15693 Get System Information, reduced to what stations need to lay out a write.
public struct TagSystemInfo: Sendable, Equatable {
    public var uid: TagUID
    public var dsfid: UInt8?
    public var afi: UInt8?
    public var blockSize: Int
    public var blockCount: Int
    public var icReference: UInt8?

    public init(uid: TagUID, dsfid: UInt8?, afi: UInt8?, blockSize: Int, blockCount: Int, icReference: UInt8? = nil) {
        self.uid = uid
        self.dsfid = dsfid
        self.afi = afi
        self.blockSize = blockSize
        self.blockCount = blockCount
        self.icReference = icReference
    }
}

/// Signalling outputs on a reader (pad LEDs, buzzer, gate relay driving the alarm).
public struct OutputCommand: Sendable, Equatable {
    public enum Output: Sendable, Equatable {
        case led(Int)
        case buzzer
        case relay(Int)
    }

    public var output: Output
    /// nil = switch off; .infinity-like continuous is expressed with `continuous`.
    public var on: Bool
    /// How long to stay on; nil = until told otherwise.
    public var duration: Duration?

    public init(_ output: Output, on: Bool, duration: Duration? = nil) {
        self.output = output
        self.on = on
        self.duration = duration
    }
}
