import ReaderCore

/// Which way an alarming item was going, from the antenna order of a two-antenna gate.
public enum PassDirection: String, Sendable, CaseIterable, Hashable {
    /// First seen by the inside antenna: heading out of the library.
    case out
    /// First seen by the outside antenna: coming in.
    case `in`
    /// One antenna, or more than two: no order to read a direction from.
    case unknown
}

/// Why the gate alarmed: an item answered the in-stock AFI, or the EAS alarm was seen.
public enum AlarmReason: Sendable, Hashable, CustomStringConvertible {
    case afi(UInt8)
    case eas

    /// "afi:07" or "eas", as stored and shown.
    public var description: String {
        switch self {
        case .afi(let value):
            let hex = String(value, radix: 16, uppercase: true)
            return "afi:" + (hex.count == 1 ? "0" + hex : hex)
        case .eas: return "eas"
        }
    }

    public init?(_ text: String) {
        if text == "eas" {
            self = .eas
            return
        }
        guard text.hasPrefix("afi:"), text.count == 6, let value = UInt8(text.dropFirst(4), radix: 16) else { return nil }
        self = .afi(value)
    }
}

/// One alarm as the detector decided it. `item` is set only when the gate records items and
/// the barcode (or, failing that, the UID) is known; the detector never puts it anywhere else.
public struct GateAlarm: Sendable, Equatable {
    public var gate: String
    public var antenna: Int
    public var direction: PassDirection
    public var reason: AlarmReason
    /// When the alarming answer arrived, on the caller's monotonic clock.
    public var at: Duration
    /// Barcode, or UID in hex when the barcode could not be read; nil unless `record_items`.
    public var item: String?

    public init(gate: String, antenna: Int, direction: PassDirection, reason: AlarmReason, at: Duration, item: String? = nil) {
        self.gate = gate
        self.antenna = antenna
        self.direction = direction
        self.reason = reason
        self.at = at
        self.item = item
    }
}

/// Pairs a barcode read with the alarm that asked for it.
public struct AlarmTicket: Sendable, Hashable {
    public let number: UInt64
    public init(_ number: UInt64) { self.number = number }
}
