import ReaderCore
import ReaderProtocols

/// ISO Host (0xB0) and NXP custom (0xB1) commands against the emulated tags the selected
/// antenna sees (every tag when none is selected).
enum FEIGISOHost {
    static let ok: UInt8 = 0x00
    static let noTransponder: UInt8 = 0x01
    static let isoError: UInt8 = 0x95
    static let transponderTypeISO15693: UInt8 = 0x03

    static func answer(_ args: [UInt8], _ field: TagField, antenna: Int? = nil) -> (UInt8, [UInt8]) {
        guard args.count >= 2, let iso = FEIGCommand.ISO(rawValue: args[0]) else {
            return (FEIGEmulator.unknownCommand, [])
        }
        let mode = args[1]
        if iso == .inventory { return inventory(mode: mode, Array(args.dropFirst(2)), field, antenna: antenna) }
        guard mode == FEIGCommand.modeAddressed, args.count >= 10, let uid = TagUID(bytes: Array(args[2..<10])) else {
            return (FEIGEmulator.lengthError, [])
        }
        let rest = Array(args.dropFirst(10))
        guard field.contains(uid, at: antenna) else { return (noTransponder, []) }
        let result: (UInt8, [UInt8])? = field.withTag(uid) { tag in addressed(iso, rest, &tag) }
        return result ?? (noTransponder, [])
    }

    static func inventory(mode: UInt8, _ rest: [UInt8], _ field: TagField, antenna: Int?) -> (UInt8, [UInt8]) {
        var afi: UInt8?
        if mode & FEIGCommand.inventoryModeAFI != 0 {
            guard let a = rest.first else { return (FEIGEmulator.lengthError, []) }
            afi = a
        }
        // ISO 15693: AFI 0 in the request selects every tag; otherwise the tag's AFI must match.
        let tags = field.tags(at: antenna).filter { afi == nil || afi == 0 || $0.afi == afi }
        guard !tags.isEmpty else { return (noTransponder, []) }
        var data: [UInt8] = [UInt8(min(tags.count, 255))]
        for tag in tags.prefix(255) { data += [transponderTypeISO15693, tag.dsfid] + tag.uid.bytes }
        return (ok, data)
    }

    static func addressed(_ iso: FEIGCommand.ISO, _ rest: [UInt8], _ tag: inout EmulatedTag) -> (UInt8, [UInt8]) {
        switch iso {
        case .inventory:
            return (FEIGEmulator.unknownCommand, [])
        case .systemInformation:
            let memSize = [UInt8(tag.blockSize - 1) & 0x1F, UInt8(truncatingIfNeeded: tag.blockCount - 1)]
            return (ok, [tag.dsfid] + tag.uid.bytes + [tag.afi] + memSize + [0x01])
        case .writeAFI:
            guard rest.count == 1 else { return (FEIGEmulator.lengthError, []) }
            tag.afi = rest[0]
            return (ok, [])
        case .writeDSFID:
            guard rest.count == 1 else { return (FEIGEmulator.lengthError, []) }
            tag.dsfid = rest[0]
            return (ok, [])
        case .readMultiple:
            guard rest.count == 2 else { return (FEIGEmulator.lengthError, []) }
            var data: [UInt8] = [rest[1], UInt8(tag.blockSize)]
            for index in Int(rest[0])..<(Int(rest[0]) + Int(rest[1])) {
                switch tag.readBlock(index) {
                case .success(let block): data += [tag.lockedBlocks.contains(index) ? 0x01 : 0x00] + block
                case .failure(let code): return (isoError, [code.rawValue])
                }
            }
            return (ok, data)
        case .writeMultiple:
            guard rest.count >= 3 else { return (FEIGEmulator.lengthError, []) }
            let first = Int(rest[0]), count = Int(rest[1]), size = Int(rest[2])
            let data = Array(rest.dropFirst(3))
            guard count >= 1, data.count == count * size else { return (FEIGEmulator.lengthError, []) }
            // The reader sends one block as Write Single Block, several as Write Multiple
            // Blocks, which some tag families refuse with ISO error 0x01.
            if count > 1, !tag.writeMultiple { return (isoError, [EmulatedTag.TagErrorCode.notSupported.rawValue]) }
            guard size == tag.blockSize, first + count <= tag.blockCount else {
                return (isoError, [EmulatedTag.TagErrorCode.blockNotAvailable.rawValue])
            }
            if (first..<(first + count)).contains(where: tag.lockedBlocks.contains) {
                return (isoError, [EmulatedTag.TagErrorCode.blockLocked.rawValue])
            }
            for i in 0..<count {
                if case .failure(let code) = tag.writeBlock(first + i, Array(data[(i * size)..<((i + 1) * size)])) {
                    return (isoError, [code.rawValue])
                }
            }
            return (ok, [])
        }
    }

    /// B1 04 <code> <mode> [UID]: NXP ICODE EAS commands.
    static func nxp(_ args: [UInt8], _ field: TagField, antenna: Int? = nil) -> (UInt8, [UInt8]) {
        guard args.count >= 3, args[0] == 0x04, let code = FEIGCommand.NXP(rawValue: args[1]) else {
            return (FEIGEmulator.unknownCommand, [])
        }
        let mode = args[2]
        if code == .easAlarm {
            // Addressed, only that tag answers, and only if its EAS bit is set.
            if mode == FEIGCommand.modeAddressed {
                guard args.count == 11, let uid = TagUID(bytes: Array(args[3..<11])) else {
                    return (FEIGEmulator.lengthError, [])
                }
                return field.tags(at: antenna).contains { $0.uid == uid && $0.eas } ? (ok, []) : (noTransponder, [])
            }
            return field.tags(at: antenna).contains(where: \.eas) ? (ok, []) : (noTransponder, [])
        }
        guard mode == FEIGCommand.modeAddressed, args.count == 11, let uid = TagUID(bytes: Array(args[3..<11])) else {
            return (FEIGEmulator.lengthError, [])
        }
        guard field.contains(uid, at: antenna) else { return (noTransponder, []) }
        let done: Bool? = field.withTag(uid) { tag in
            tag.eas = code == .setEAS
            return true
        }
        return done == nil ? (noTransponder, []) : (ok, [])
    }
}
