import ReaderCore

/// The two status bytes ending a response APDU (ISO/IEC 7816-4, with the PC/SC part 3 uses).
public struct APDUStatus: Sendable, Equatable, CustomStringConvertible {
    public var sw1: UInt8
    public var sw2: UInt8

    public init(_ sw1: UInt8, _ sw2: UInt8) {
        self.sw1 = sw1
        self.sw2 = sw2
    }

    public static let ok = APDUStatus(0x90, 0x00)
    public static let endReached = APDUStatus(0x62, 0x82)
    public static let failed = APDUStatus(0x63, 0x00)
    /// In a transparent-session generic error object: the tag did not answer in time.
    public static let noResponse = APDUStatus(0x64, 0x01)
    public static let wrongLength = APDUStatus(0x67, 0x00)
    public static let functionNotSupported = APDUStatus(0x6A, 0x81)
    public static let wrongParameters = APDUStatus(0x6B, 0x00)
    /// 69 86: command not allowed (e.g. an exchange outside a transparent session).
    public static let notAllowed = APDUStatus(0x69, 0x86)
    public static let instructionNotSupported = APDUStatus(0x6D, 0x00)
    public static let classNotSupported = APDUStatus(0x6E, 0x00)

    public var description: String {
        "\(Self.hex(sw1)) \(Self.hex(sw2)) (\(summary))"
    }

    public var summary: String {
        switch self {
        case .ok: "success"
        case .endReached: "end of data reached"
        case .failed: "the operation failed"
        case .noResponse: "no response from the tag"
        case .wrongLength: "wrong length"
        case .functionNotSupported: "function not supported"
        case .wrongParameters: "wrong P1/P2"
        case .notAllowed: "command not allowed (no transparent session)"
        case .instructionNotSupported: "instruction not supported"
        case .classNotSupported: "class not supported"
        default: "status word"
        }
    }

    /// The typed error for a non-success status, or nil for 90 00.
    public func error(operation: String) -> ReaderError? {
        let kind: ReaderError.Kind
        switch self {
        case .ok: return nil
        case .noResponse: kind = .noTag
        case .functionNotSupported, .instructionNotSupported, .classNotSupported: kind = .unsupported
        case .wrongLength, .wrongParameters: kind = .invalidRequest
        default: kind = .deviceStatus
        }
        let words = Self.hex(sw1) + " " + Self.hex(sw2)
        return ReaderError(kind, operation: operation, "reader answered \(words): \(summary)", status: sw2)
    }

    static func hex(_ b: UInt8) -> String { (b < 0x10 ? "0" : "") + String(b, radix: 16, uppercase: true) }
}
