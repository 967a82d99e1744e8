/// FEIG reader status byte (the byte after CMD in every reply).
public enum FEIGStatus: Sendable, Equatable {
    case ok
    case noTransponder
    /// 0x83: RF communication error; data for the tags that did answer may follow.
    case rfCommunicationError
    /// 0x84: RF warning (antenna mismatch, noise).
    case rfWarning
    /// 0x94: more data; the reply lists part of the answer.
    case moreData
    /// 0x95: the tag answered with an ISO 15693 error code.
    case isoError
    case other(UInt8)

    public init(_ byte: UInt8) {
        switch byte {
        case 0x00: self = .ok
        case 0x01: self = .noTransponder
        case 0x83: self = .rfCommunicationError
        case 0x84: self = .rfWarning
        case 0x94: self = .moreData
        case 0x95: self = .isoError
        default: self = .other(byte)
        }
    }

    public var byte: UInt8 {
        switch self {
        case .ok: 0x00
        case .noTransponder: 0x01
        case .rfCommunicationError: 0x83
        case .rfWarning: 0x84
        case .moreData: 0x94
        case .isoError: 0x95
        case .other(let b): b
        }
    }

    /// Statuses after which the data bytes are still meaningful.
    public var carriesData: Bool {
        switch self {
        case .ok, .rfCommunicationError, .moreData, .isoError: true
        default: false
        }
    }

    public var summary: String {
        switch self {
        case .ok: "OK"
        case .noTransponder: "no transponder in the field"
        case .rfCommunicationError: "RF communication error"
        case .rfWarning: "RF warning"
        case .moreData: "more data"
        case .isoError: "the tag reported an ISO 15693 error"
        case .other(let b): "reader status 0x" + String(b, radix: 16, uppercase: true)
        }
    }
}
