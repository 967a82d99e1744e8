/// What a gate may ask its reader, and nothing else. There is deliberately no case for an
/// unfiltered inventory: a gate that cannot express the question cannot learn which borrowed
/// items walk past it. There is no Stay Quiet either, so an item left in the field keeps
/// answering and keeps alarming once per window.
public enum GateQuery: Sendable, Equatable, Hashable {
    /// ISO 15693 inventory restricted to tags with this AFI; `antenna` nil on a one-antenna gate
    /// (the reader's default antenna, no selection command).
    case inventory(afi: UInt8, antenna: Int?)
    /// The NXP EAS alarm, unaddressed: whether any secured item is in the field of `antenna`.
    case easAlarm(antenna: Int?)

    /// The antenna the answer belongs to (1 when the gate has one antenna and names none).
    public var antenna: Int? {
        switch self {
        case .inventory(_, let antenna), .easAlarm(let antenna): antenna
        }
    }
}
