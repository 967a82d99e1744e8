/// One data element found on a tag, whatever the format. ISO 28560-3 and 3M fields are mapped to
/// the ISO 28560-2 relative OIDs they correspond to, so the privacy verdict can judge every
/// format by one rule.
public struct DataElement: Sendable, Equatable {
    /// Relative OID (1 = primary item identifier, 2 = content parameter, ... 26 = local data C).
    public var oid: Int
    /// How the value was compacted on the tag. Nil for fixed-layout formats (ISO 28560-3, 3M).
    public var compaction: CompactionScheme?
    public var value: ElementValue
    /// Byte offset of the element in user memory (the precursor, or the first byte of the field).
    public var byteOffset: Int
    /// Bytes the element occupies on the tag, including precursor, length and pad bytes.
    public var byteLength: Int

    public init(oid: Int, compaction: CompactionScheme?, value: ElementValue, byteOffset: Int, byteLength: Int) {
        self.oid = oid
        self.compaction = compaction
        self.value = value
        self.byteOffset = byteOffset
        self.byteLength = byteLength
    }

    /// The standard's name for the OID, for people reading a dump.
    public var name: String { RelativeOID.name(of: oid) }
}

public enum ElementValue: Sendable, Equatable {
    /// Text decoded by the element's compaction scheme (or a fixed field's text).
    case text(String)
    /// The content parameter bitmap (OID 2), as the list of OIDs it announces.
    case contentParameter([Int])
    /// Bytes the codec does not interpret (application-defined data it does not know).
    case bytes([UInt8])

    /// A single string for display and JSON: text as is, OID lists comma-separated, bytes as hex.
    public var displayString: String {
        switch self {
        case .text(let s): s
        case .contentParameter(let oids): oids.map(String.init).joined(separator: ",")
        case .bytes(let b):
            String(b.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined())
        }
    }
}

/// Names of the ISO 28560-2 relative OIDs (the reference lists them).
public enum RelativeOID {
    public static let primaryItemIdentifier = 1
    public static let contentParameter = 2
    public static let ownerInstitution = 3
    public static let setInformation = 4
    public static let typeOfUsage = 5
    public static let title = 17

    static let names: [String] = [
        "primary item identifier", "content parameter", "owner institution (ISIL)", "set information",
        "type of usage", "shelf location", "ONIX media format", "MARC media format", "supplier identifier",
        "order number", "ILL borrowing institution", "ILL borrowing transaction number",
        "GS1 product identifier", "alternative unique item identifier", "local data A", "local data B",
        "title", "product identifier local", "media format (other)", "supply chain stage",
        "supplier invoice number", "alternative item identifier", "alternative owner institution",
        "subsidiary of owner institution", "alternative ILL borrowing institution", "local data C",
    ]

    public static func name(of oid: Int) -> String {
        (1...names.count).contains(oid) ? names[oid - 1] : "unknown OID \(oid)"
    }
}
