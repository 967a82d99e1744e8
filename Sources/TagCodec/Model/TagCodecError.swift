import RFIDCommon

/// Why tag memory could not be decoded or an image could not be encoded. Descriptions name the
/// byte offset (and OID where one is known) and never quote the tag's data: a tag may hold patron
/// data, and these messages end up in logs.
public struct TagCodecError: UserFacingError, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The data runs past the end of memory.
        case truncated
        /// A length, precursor, OID or offset byte has a value the standard does not allow.
        case malformed
        /// Compacted bytes do not decode under the scheme the precursor names.
        case badCompaction
        /// The memory matches no known format.
        case unknownFormat
        /// The encoder was asked for something it cannot lay out (too long, wrong block size).
        case doesNotFit
        /// The encoder was given a value its scheme cannot represent.
        case unencodable
    }

    public var kind: Kind
    /// Byte offset in user memory where the problem was found, if it concerns a place.
    public var byteOffset: Int?
    /// Relative OID of the element being decoded, if any.
    public var oid: Int?
    /// What was wrong, in words, without tag data.
    public var reason: String

    public init(_ kind: Kind, at byteOffset: Int? = nil, oid: Int? = nil, _ reason: String) {
        self.kind = kind
        self.byteOffset = byteOffset
        self.oid = oid
        self.reason = reason
    }

    public var exitStatus: ExitStatus { .dataError }

    public var description: String {
        var s = reason
        if let oid { s = "OID \(oid): " + s }
        if let byteOffset { s = "byte \(byteOffset): " + s }
        return s
    }
}
