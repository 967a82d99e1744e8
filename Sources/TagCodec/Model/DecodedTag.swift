/// Everything a decoder learned from one tag's user memory. It keeps the raw memory and the
/// end-of-data offset because the privacy verdict must look at bytes no element claims: data
/// hidden after the terminator is as much a leak as data in an element.
public struct DecodedTag: Sendable, Equatable {
    public var format: TagFormat
    /// The DSFID the tag reported, if known (nil when only memory was given).
    public var dsfid: Optional<UInt8>
    /// Data elements in the order they appear on the tag.
    public var elements: [DataElement]
    /// Offset of the first byte after the encoded data (after the 0x00 terminator on ISO 28560-2,
    /// after the last extension block on ISO 28560-3). Every byte from here on should be 0x00.
    public var endOfData: Int
    /// The user memory as read.
    public var memory: [UInt8]
    // `Optional<...>` rather than `...?`: a `var` spelled with `?` is implicitly initialized to
    // nil, which turns the initializer's first assignment into a reassignment, and that kept
    // the optimizer from building the struct in place: it copied the whole tag (retaining and
    // releasing every array in it) once more for every tag decoded.
    /// Fixed-layout details of an ISO 28560-3 tag.
    public var part3: Optional<Part3Details>
    /// Fixed-layout details of a 3M legacy tag.
    public var legacy3M: Optional<Legacy3MDetails>
    /// Things a tolerant decoder accepted but that a strict one would not (e.g. a DSFID that
    /// disagreed with the content, a vendor byte-order variant). Never contain tag data.
    public var notes: [String]
    /// Offsets of pad bytes (after an element's offset byte) that are neither 0x00 nor 0x80:
    /// decoders skip them, so they are a place where data can hide from an ordinary reader.
    public var nonEmptyPadOffsets: [Int]

    public init(
        format: TagFormat, dsfid: UInt8?, elements: [DataElement], endOfData: Int, memory: [UInt8],
        part3: Part3Details? = nil, legacy3M: Legacy3MDetails? = nil, notes: [String] = [],
        nonEmptyPadOffsets: [Int] = []
    ) {
        self.format = format
        self.dsfid = dsfid
        self.elements = elements
        self.endOfData = endOfData
        self.memory = memory
        self.part3 = part3
        self.legacy3M = legacy3M
        self.notes = notes
        self.nonEmptyPadOffsets = nonEmptyPadOffsets
    }

    /// The primary item identifier (OID 1), if the tag has one.
    public var primaryItemIdentifier: String? {
        for element in elements where element.oid == RelativeOID.primaryItemIdentifier {
            if case .text(let s) = element.value { return s }
        }
        return nil
    }

    /// Type of usage byte (OID 5 on ISO 28560-2, the low nibble of byte 0 on ISO 28560-3, shifted
    /// into the high nibble so both read the same: 0x1x circulating, 0x8x patron card).
    public var typeOfUsage: UInt8? {
        if let p3 = part3 { return p3.typeOfUsage << 4 }
        for index in elements.indices where elements[index].oid == RelativeOID.typeOfUsage {
            switch elements[index].value {
            case .bytes(let b): return b.first
            case .text(let s): return UInt8(s, radix: 16) ?? UInt8(s)
            default: return nil
            }
        }
        return nil
    }
}

/// The fixed fields of an ISO 28560-3 basic block, and its extension blocks.
public struct Part3Details: Sendable, Equatable {
    public var version: UInt8
    /// Low nibble of byte 0: 1 circulating, 8 patron card (see the reference).
    public var typeOfUsage: UInt8
    public var partsInItem: UInt8
    public var partNumber: UInt8
    /// Owner ISIL as printed, with the hyphen restored after the country prefix ("DK-718500").
    public var ownerInstitution: String
    /// 34, or 32 on small tags.
    public var basicBlockLength: Int
    public var crcStored: UInt16
    public var crcValid: Bool
    /// Vendor variants the decoder had to undo to make the CRC match (e.g. "reversed 4-byte blocks").
    public var variant: String?
    public var extensionBlocks: [Part3ExtensionBlock]

    public init(
        version: UInt8, typeOfUsage: UInt8, partsInItem: UInt8, partNumber: UInt8, ownerInstitution: String,
        basicBlockLength: Int, crcStored: UInt16, crcValid: Bool, variant: String? = nil,
        extensionBlocks: [Part3ExtensionBlock] = []
    ) {
        self.version = version
        self.typeOfUsage = typeOfUsage
        self.partsInItem = partsInItem
        self.partNumber = partNumber
        self.ownerInstitution = ownerInstitution
        self.basicBlockLength = basicBlockLength
        self.crcStored = crcStored
        self.crcValid = crcValid
        self.variant = variant
        self.extensionBlocks = extensionBlocks
    }
}

public struct Part3ExtensionBlock: Sendable, Equatable {
    /// 1 library, 2 acquisition, 3 library supplement, 4 title, 5 ILL.
    public var id: UInt16
    public var name: String
    public var byteOffset: Int
    public var length: Int
    public var checksumValid: Bool
    /// The payload split at 0x00 separators, each decoded as ISO 8859-1 text.
    public var fields: [String]

    public init(id: UInt16, name: String, byteOffset: Int, length: Int, checksumValid: Bool, fields: [String]) {
        self.id = id
        self.name = name
        self.byteOffset = byteOffset
        self.length = length
        self.checksumValid = checksumValid
        self.fields = fields
    }
}

/// Fields of the 3M legacy layout (read only).
public struct Legacy3MDetails: Sendable, Equatable {
    public var itemInSet: UInt8
    public var setTotal: UInt8
    public var itemType: UInt8
    public var branch: UInt16
    public var library: UInt32
    public var customValue: Int32

    public init(itemInSet: UInt8, setTotal: UInt8, itemType: UInt8, branch: UInt16, library: UInt32, customValue: Int32) {
        self.itemInSet = itemInSet
        self.setTotal = setTotal
        self.itemType = itemType
        self.branch = branch
        self.library = library
        self.customValue = customValue
    }
}
