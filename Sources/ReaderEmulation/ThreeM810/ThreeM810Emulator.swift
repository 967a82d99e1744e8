import ReaderCore
import ReaderProtocols

/// The reader side of the 3M 810 protocol for the commands the driver speaks; anything else is
/// answered with error 0x02 (not implemented), as the reader does for unknown commands. A tag
/// flagged `writeMultiple: false` refuses a 0x04 write of more than one block with 0x30.
public struct ThreeM810Emulator: ProtocolEmulator {
    public static let protocolName = "3m810"
    public var versionData: [UInt8]
    /// The next this-many block writes (0x04) fail with 0x16 write error and change nothing, as
    /// when a book is moved on the pad mid-write; for tests of the driver's bounded retries.
    public var transientWriteErrors = 0
    private var assembler = FrameAssembler<ThreeMScanner>()

    public init(versionData: [UInt8] = [0x0A, 0x05, 0x00, 0x02]) { self.versionData = versionData }

    public mutating func resetReceiver() { assembler.reset() }

    public mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        for case .frame(let frame) in assembler.push(bytes) {
            guard let command = frame.command else { continue }
            let (error, fields) = answer(command, Array(frame.payload.dropFirst()), field)
            replies.append(ThreeMFrame(payload: [command, error] + fields).encoded())
        }
        return replies
    }

    mutating func answer(_ command: UInt8, _ args: [UInt8], _ field: TagField) -> (UInt8, [UInt8]) {
        switch command {
        case ThreeMCommand.version: return (ThreeMError.ok, versionData)
        case ThreeMCommand.inventory:
            guard args.count == 2 else { return (ThreeMError.notImplemented, []) }
            let afi = args[0]
            let tags = field.tags.filter { afi == 0 || $0.afi == afi }.prefix(255)
            return (ThreeMError.ok, [afi, args[1], UInt8(tags.count)] + tags.flatMap(\.uid.bytes))
        default:
            guard args.count >= 8, let uid = TagUID(bytes: Array(args[0..<8])) else { return (ThreeMError.notImplemented, []) }
            let rest = Array(args.dropFirst(8))
            let failWrite = transientWriteErrors > 0
            let answer: (UInt8, [UInt8])? = field.withTag(uid) { tag in Self.addressed(command, rest, &tag, failWrite: failWrite) }
            if failWrite, command == ThreeMCommand.writeMultiple, answer?.0 == ThreeMError.writeError { transientWriteErrors -= 1 }
            return answer ?? (ThreeMError.noTransponder, uid.bytes)
        }
    }

    /// `failWrite`: answer a block write that would succeed with 0x16 instead (see `transientWriteErrors`).
    static func addressed(_ command: UInt8, _ rest: [UInt8], _ tag: inout EmulatedTag, failWrite: Bool = false) -> (UInt8, [UInt8]) {
        let uid = tag.uid.bytes
        switch command {
        case ThreeMCommand.readMultiple:
            guard rest.count == 2 else { return (ThreeMError.notImplemented, uid) }
            var fields = uid + [rest[1]]
            for index in Int(rest[0])..<(Int(rest[0]) + Int(rest[1])) {
                guard case .success(let block) = tag.readBlock(index) else { return (ThreeMError.memoryNotAvailable, uid) }
                fields += [UInt8(index & 0xFF), UInt8(index >> 8)] + block
            }
            return (ThreeMError.ok, fields)
        case ThreeMCommand.writeMultiple:
            guard rest.count >= 3 else { return (ThreeMError.notImplemented, uid) }
            let first = Int(rest[0]), count = Int(rest[1])
            let data = Array(rest.dropFirst(3))
            let size = tag.blockSize
            guard count >= 1, data.count == count * size, first + count <= tag.blockCount else {
                return (ThreeMError.memoryNotAvailable, uid)
            }
            // A tag without Write Multiple Blocks takes several blocks in one command as "not
            // supported by the tag" (0x30); one block at a time it accepts.
            if count > 1, !tag.writeMultiple { return (ThreeMError.notSupported, uid) }
            if failWrite { return (ThreeMError.writeError, uid) }
            if (first..<(first + count)).contains(where: tag.lockedBlocks.contains) { return (ThreeMError.locked, uid) }
            for i in 0..<count { _ = tag.writeBlock(first + i, Array(data[(i * size)..<((i + 1) * size)])) }
            return (ThreeMError.ok, uid + [UInt8(count)])
        case ThreeMCommand.writeAFI:
            guard rest.count == 1 else { return (ThreeMError.notImplemented, uid) }
            tag.afi = rest[0]
            return (ThreeMError.ok, uid)
        case ThreeMCommand.getAFI:
            return (ThreeMError.ok, uid + [tag.afi])
        case ThreeMCommand.writeDSFID:
            guard rest.count == 1 else { return (ThreeMError.notImplemented, uid) }
            tag.dsfid = rest[0]
            return (ThreeMError.ok, uid)
        default:
            return (ThreeMError.notImplemented, uid)
        }
    }
}
