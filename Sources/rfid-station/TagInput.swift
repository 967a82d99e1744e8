import ArgumentParser
import RFIDCommon
import TagCodec

/// User memory given on the command line as hex, and the DSFID the reader reported.
struct TagInput: ParsableArguments {
    @Argument(help: ArgumentHelp("User memory from block 0, as hex (spaces and colons allowed).", valueName: "hex"))
    var hex: String

    @Option(
        help: ArgumentHelp(
            "The tag's DSFID as two hex digits (06 ISO 28560-2, 3E ISO 28560-3, 00 legacy or blank). Default: detect from content.",
            valueName: "XX"))
    var dsfid: String?

    func validate() throws {
        if let dsfid, (try? Hex.decode(dsfid))?.count != 1 {
            throw ValidationError("--dsfid must be one byte as two hex digits, e.g. 06")
        }
    }

    var dsfidByte: UInt8? { dsfid.flatMap { try? Hex.decode($0) }?.first }

    func decode() throws -> DecodedTag {
        let memory = try Hex.decode(hex)
        return try TagDecoder.decode(memory, dsfid: dsfidByte)
    }
}
