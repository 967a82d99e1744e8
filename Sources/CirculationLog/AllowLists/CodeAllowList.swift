/// Which branch, location or collection codes ingest may keep: the site's list (`[codes]` in the
/// site file), or, when the site lists none, any value with the shape of a code. A value that is
/// neither is counted under `CodeAllowList.unknown`, so a card number, an e-mail address or a
/// name typed into a self-check's institution field never becomes a row of a published report.
public struct CodeAllowList: Sendable, Equatable {
    /// The label a withheld code is counted under, in every table and report format.
    public static let unknown = "(unknown)"
    /// The longest value with the shape of a code.
    public static let maxCodeLength = 32
    /// The most digits a code may hold: branch and collection codes are short ("BR01",
    /// "FIC-2"), while card, phone and national-id numbers are seven digits and more, also when
    /// dashes or dots split them ("2-1234-56789-0124").
    public static let maxDigits = 6

    /// The site's codes; empty means "any value with the shape of a code".
    public let listed: Set<String>

    public init(_ codes: [String] = []) {
        listed = Set(codes)
    }

    /// No list: any code-shaped value is kept.
    public static let anyCodeShaped = CodeAllowList()

    /// Whether `value` may be stored as it is. The empty value (field absent) is always kept.
    @inline(__always)
    public func accepts(_ value: String) -> Bool {
        if value.isEmpty { return true }
        if !listed.isEmpty { return listed.contains(value) }
        var value = value
        return value.withUTF8 { Self.hasCodeShape(UnsafeRawBufferPointer($0)) }
    }

    /// `value` if the list accepts it, else `unknown`.
    @inline(__always)
    public func kept(_ value: String) -> String { accepts(value) ? value : Self.unknown }

    /// 1 to 32 bytes of ASCII letters, digits, `-`, `_` and `.`, with no more than six digits. That excludes an `@`, spaces, control characters, anything outside ASCII (a
    /// full-width `＠`), parentheses and plus signs, and every number long enough to be a card,
    /// a phone or an identity number.
    public static func hasCodeShape(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maxCodeLength else { return false }
        var digits = 0
        for b in bytes {
            if b &- 48 < 10 {
                digits += 1
                if digits > maxDigits { return false }
                continue
            }
            let isLetter = (b | 0x20) &- 97 < 26
            guard isLetter || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") else {
                return false
            }
        }
        return true
    }
}

/// SIP2's media-type codes (field CK): 000 to 010, as the standard defines them, and the
/// material names a library-system export may give instead (the report's categories). These
/// are always kept; any other value is a library system's own item type (Koha's `BK`, `DVD`),
/// kept only as the site's `[codes] item_types` allow it (`IngestAllowLists.itemTypes`), and
/// otherwise counted without one.
public enum MediaTypeAllowList {
    public static let sip2Codes: Set<String> = ["000", "001", "002", "003", "004", "005", "006", "007", "008", "009", "010"]
    public static let categoryNames: Set<String> = [
        "book", "books", "audio", "video", "ebook", "ebooks", "e-book", "e-books", "periodical", "periodicals",
        "microform", "microforms",
    ]

    /// Three digits from 000 to 010 are read as bytes: every SIP2 line has a CK field.
    @inline(__always)
    public static func accepts(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var value = value
        let isCode = value.withUTF8 { b in
            b.count == 3 && b[0] == UInt8(ascii: "0")
                && ((b[1] == UInt8(ascii: "0") && b[2] &- 48 < 10) || (b[1] == UInt8(ascii: "1") && b[2] == UInt8(ascii: "0")))
        }
        return isCode || (value.utf8.count <= 11 && categoryNames.contains(value.lowercased()))
    }
}

/// Everything ingest keeps from a record besides its action and time, each by an allow-list.
public struct IngestAllowLists: Sendable {
    public var items: ItemAllowList
    public var branches: CodeAllowList
    public var locations: CodeAllowList
    public var collections: CodeAllowList
    /// Item types beyond SIP2's media-type codes and the material names (which are always
    /// kept), stored in the media-type dimension: the report maps them to material categories
    /// and audiences (`[report]` in the site file).
    public var itemTypes: CodeAllowList

    public init(
        items: ItemAllowList, branches: CodeAllowList = .anyCodeShaped, locations: CodeAllowList = .anyCodeShaped,
        collections: CodeAllowList = .anyCodeShaped, itemTypes: CodeAllowList = .anyCodeShaped
    ) {
        self.items = items
        self.branches = branches
        self.locations = locations
        self.collections = collections
        self.itemTypes = itemTypes
    }

    /// Whether a media type or item type value may be stored as it is.
    @inline(__always)
    public func acceptsMediaType(_ value: String) -> Bool {
        MediaTypeAllowList.accepts(value) || itemTypes.accepts(value)
    }
}

/// The fields of a record whose value was withheld by an allow-list. Ingest warns once per
/// file and field (with the first line), never with the value.
public struct WithheldFields: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let item = WithheldFields(rawValue: 1)
    public static let branch = WithheldFields(rawValue: 2)
    public static let location = WithheldFields(rawValue: 4)
    public static let mediaType = WithheldFields(rawValue: 8)
    public static let collection = WithheldFields(rawValue: 16)

    public static let all: [WithheldFields] = [.item, .branch, .location, .mediaType, .collection]

    /// The field as a SIP2 log names it, and as a CSV mapping does.
    public func name(sip2: Bool) -> String {
        switch self {
        case .item: sip2 ? "AB" : "item"
        case .branch: sip2 ? "AO" : "branch"
        case .location: sip2 ? "AQ/AP" : "location"
        case .mediaType: sip2 ? "CK" : "mediaType"
        case .collection: sip2 ? "CR" : "collection"
        default: "?"
        }
    }

    /// What happened to the value, as the warning says it.
    public var withheldReason: String {
        switch self {
        case .item:
            "not an item barcode the site's barcode policy accepts; the transaction is counted without its item"
        case .branch:
            "not a branch code the site lists (or, with no list, not shaped like a code); counted under \(CodeAllowList.unknown)"
        case .location:
            "not a location code the site lists (or, with no list, not shaped like a code); counted under \(CodeAllowList.unknown)"
        case .collection:
            "not a collection code the site lists (or, with no list, not shaped like a code); counted under \(CodeAllowList.unknown)"
        case .mediaType:
            "not a SIP2 media type code (000-010), material name or item type the site lists (or, with no list, shaped like a code); counted without a media type"
        default: "withheld"
        }
    }
}
