/// The data models this codec knows. The raw values are the names used in JSON output and in
/// the command line, so they are part of the public interface: do not rename them.
public enum TagFormat: String, Sendable, Codable, CaseIterable {
    /// ISO 28560-2, object identifiers with compaction (DSFID 0x06).
    case iso28560_2 = "iso28560-2"
    /// ISO 28560-3, fixed-length "Danish model" (DSFID 0x3E).
    case iso28560_3 = "iso28560-3"
    /// 3M's pre-standard layout (DSFID 0x00). Decoded for audits only; never written.
    case legacy3M = "3m-legacy"
    /// A tag with no data: every byte 0x00, or 0x55 as 3M ships them.
    case blank

    /// The DSFID a tag of this format carries when written correctly.
    public var dsfid: UInt8 {
        switch self {
        case .iso28560_2: 0x06
        case .iso28560_3: 0x3E
        case .legacy3M, .blank: 0x00
        }
    }
}

/// ISO 28560-2 compaction schemes (bits 6-4 of the precursor). Raw values are the codes.
public enum CompactionScheme: UInt8, Sendable, CaseIterable, Codable {
    case applicationDefined = 0
    case integer = 1
    case numeric = 2
    case fiveBit = 3
    case sixBit = 4
    case sevenBit = 5
    case octet = 6
    case utf8 = 7

    /// The name used in JSON output and documentation.
    public var name: String {
        switch self {
        case .applicationDefined: "application-defined"
        case .integer: "integer"
        case .numeric: "numeric"
        case .fiveBit: "5-bit"
        case .sixBit: "6-bit"
        case .sevenBit: "7-bit"
        case .octet: "octet"
        case .utf8: "utf-8"
        }
    }
}
