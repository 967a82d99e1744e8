import ReaderCore
import ReaderProtocols

/// The tags' side of the air interface: given one raw ISO 15693 request (flags, command, ...;
/// no CRC), what the reader's receiver would see. Shared by every pass-through reader emulator
/// (TI EVM request mode, PC/SC transparent session), so they all enforce the same tag rules.
///
/// Physics kept: a non-addressed request answered by two tags is a collision; tags whose AFI
/// or mask does not match stay silent; an addressed tag that is not in the field is silence.
public enum ISO15693TagResponder {
    /// The 32-byte answer an NXP tag with EAS set gives to EAS Alarm. The real tags send a
    /// fixed manufacturer sequence that this project has no source for; drivers only check
    /// that an answer came, so this placeholder pattern is enough.
    public static let easSequence: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: 0xA5 ^ ($0 &* 7)) }

    public static func answer(_ request: [UInt8], field: TagField) -> AirResult {
        guard request.count >= 2 else { return .silence }
        let flags = request[0]
        let command = request[1]
        if flags & ISO15693Request.Flag.inventory != 0 {
            guard command == ISO15693Request.Command.inventory.rawValue else { return .silence }
            return inventory(flags, Array(request.dropFirst(2)), field)
        }
        var at = 2
        if command >= 0xA0 {
            // Custom command: only NXP (manufacturer 04) tags understand it.
            guard request.count > at, request[at] == ISO15693Request.nxpManufacturer else { return .silence }
            at += 1
        }
        let addressed = flags & ISO15693Request.Flag.addressed != 0
        if flags & ISO15693Request.Flag.select != 0 { return .silence }  // no tag is ever selected here
        var target: TagUID?
        if addressed {
            guard request.count >= at + 8, let uid = TagUID(bytes: Array(request[at..<(at + 8)].reversed())) else { return .silence }
            target = uid
            at += 8
        }
        let params = Array(request[at...])
        let option = flags & ISO15693Request.Flag.option != 0
        if command == ISO15693Request.Command.nxpEASAlarm.rawValue {
            let armed = field.tags.filter { $0.eas && (target == nil || $0.uid == target) }
            switch armed.count {
            case 0: return .silence
            case 1: return .response([0x00] + easSequence)
            default: return .collision
            }
        }
        let uids = target.map { t in field.tags.contains { $0.uid == t } ? [t] : [] } ?? field.tags.map(\.uid)
        guard let uid = uids.first else { return .silence }
        guard uids.count == 1 else { return .collision }
        let reply: [UInt8]? = field.withTag(uid) { tag in respond(command, params, option: option, &tag) }
        return reply.map(AirResult.response) ?? .silence
    }

    static func inventory(_ flags: UInt8, _ rest: [UInt8], _ field: TagField) -> AirResult {
        var at = 0
        var afi: UInt8?
        if flags & ISO15693Request.Flag.afiPresent != 0 {
            guard let a = rest.first else { return .silence }
            afi = a
            at = 1
        }
        guard rest.count > at else { return .silence }
        let maskBits = Int(rest[at])
        let maskBytes = (maskBits + 7) / 8
        guard maskBits <= 64, rest.count >= at + 1 + maskBytes else { return .silence }
        var mask: UInt64 = 0
        for (i, b) in rest[(at + 1)..<(at + 1 + maskBytes)].enumerated() { mask |= UInt64(b) << (8 * UInt64(i)) }
        let matching = matches(field.tags, afi: afi, maskBits: maskBits, mask: mask)
        switch matching.count {
        case 0: return .silence
        case 1: return .response([0x00, matching[0].dsfid] + matching[0].uid.leastSignificantFirst)
        default: return .collision
        }
    }

    /// Tags that answer an inventory with this AFI and mask (AFI 0 or none selects every tag).
    public static func matches(_ tags: [EmulatedTag], afi: UInt8?, maskBits: Int, mask: UInt64) -> [EmulatedTag] {
        tags.filter { tag in
            if let afi, afi != 0, tag.afi != afi { return false }
            guard maskBits > 0 else { return true }
            let keep: UInt64 = maskBits >= 64 ? .max : (1 << UInt64(maskBits)) - 1
            return airValue(tag.uid) & keep == mask & keep
        }
    }

    /// The UID as the 64-bit number whose least significant bit goes first on the air.
    public static func airValue(_ uid: TagUID) -> UInt64 { uid.bytes.reduce(0) { $0 << 8 | UInt64($1) } }

    static func error(_ code: EmulatedTag.TagErrorCode) -> [UInt8] { [0x01, code.rawValue] }

    static func respond(_ command: UInt8, _ p: [UInt8], option: Bool, _ tag: inout EmulatedTag) -> [UInt8] {
        typealias C = ISO15693Request.Command
        switch C(rawValue: command) {
        case .readSingleBlock:
            guard p.count == 1 else { return error(.notSupported) }
            return read(Int(p[0]), 1, option: option, tag)
        case .readMultipleBlocks:
            guard p.count == 2 else { return error(.notSupported) }
            return read(Int(p[0]), Int(p[1]) + 1, option: option, tag)
        case .writeSingleBlock:
            guard p.count == 1 + tag.blockSize else { return error(.notSupported) }
            return write(Int(p[0]), 1, Array(p.dropFirst()), &tag)
        case .writeMultipleBlocks:
            guard tag.writeMultiple else { return error(.notSupported) }
            guard p.count >= 2, (p.count - 2) == (Int(p[1]) + 1) * tag.blockSize else { return error(.notSupported) }
            return write(Int(p[0]), Int(p[1]) + 1, Array(p.dropFirst(2)), &tag)
        case .writeAFI:
            guard p.count == 1 else { return error(.notSupported) }
            tag.afi = p[0]
            return [0x00]
        case .writeDSFID:
            guard p.count == 1 else { return error(.notSupported) }
            tag.dsfid = p[0]
            return [0x00]
        case .getSystemInformation:
            let mem = [UInt8(truncatingIfNeeded: tag.blockCount - 1), UInt8(tag.blockSize - 1) & 0x1F]
            return [0x00, 0x0F] + tag.uid.leastSignificantFirst + [tag.dsfid, tag.afi] + mem + [0x01]
        case .nxpSetEAS, .nxpResetEAS:
            tag.eas = command == C.nxpSetEAS.rawValue
            return [0x00]
        default:
            return error(.notSupported)
        }
    }

    static func read(_ first: Int, _ count: Int, option: Bool, _ tag: EmulatedTag) -> [UInt8] {
        var out: [UInt8] = [0x00]
        for index in first..<(first + count) {
            switch tag.readBlock(index) {
            case .success(let block): out += (option ? [tag.lockedBlocks.contains(index) ? 0x01 : 0x00] : []) + block
            case .failure(let code): return error(code)
            }
        }
        return out
    }

    static func write(_ first: Int, _ count: Int, _ data: [UInt8], _ tag: inout EmulatedTag) -> [UInt8] {
        guard first + count <= tag.blockCount else { return error(.blockNotAvailable) }
        if (first..<(first + count)).contains(where: tag.lockedBlocks.contains) { return error(.blockLocked) }
        let size = tag.blockSize
        for i in 0..<count {
            if case .failure(let code) = tag.writeBlock(first + i, Array(data[(i * size)..<((i + 1) * size)])) { return error(code) }
        }
        return [0x00]
    }
}
