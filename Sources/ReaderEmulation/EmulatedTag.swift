import ReaderCore
import RFIDCommon
import Synchronization

/// An ISO 15693 tag as the emulators and the mock reader keep it: the registers and memory a
/// real tag has, and the rules it enforces (locked blocks refuse writes, blocks out of range
/// are errors), so drivers are tested against tag behaviour and not just against bytes.
public struct EmulatedTag: Sendable, Equatable, Codable {
    public var uid: TagUID
    public var dsfid: UInt8
    public var afi: UInt8
    public var eas: Bool
    public var blockSize: Int
    public var blockCount: Int
    public var memory: [UInt8]
    public var lockedBlocks: Set<Int>
    /// False for tag families without ISO Write Multiple Blocks (NXP ICODE SLIX and others):
    /// they answer it with error 0x01 and take one Write Single Block at a time, which is what
    /// the drivers' block-by-block fallback is tested against.
    public var writeMultiple: Bool

    public init(
        uid: TagUID, dsfid: UInt8 = 0, afi: UInt8 = 0, eas: Bool = false, blockSize: Int = 4, blockCount: Int = 28,
        memory: [UInt8]? = nil, lockedBlocks: Set<Int> = [], writeMultiple: Bool = true
    ) {
        self.uid = uid
        self.dsfid = dsfid
        self.afi = afi
        self.eas = eas
        self.blockSize = blockSize
        self.blockCount = blockCount
        var m = memory ?? []
        m += [UInt8](repeating: 0, count: max(0, blockSize * blockCount - m.count))
        self.memory = Array(m.prefix(blockSize * blockCount))
        self.lockedBlocks = lockedBlocks
        self.writeMultiple = writeMultiple
    }

    /// ISO 15693 error codes a tag answers with.
    public enum TagErrorCode: UInt8, Error, Sendable {
        case notSupported = 0x01
        case blockNotAvailable = 0x10
        case blockLocked = 0x12
        case programmingFailed = 0x13
    }

    public func readBlock(_ index: Int) -> Result<[UInt8], TagErrorCode> {
        guard index >= 0, index < blockCount else { return .failure(.blockNotAvailable) }
        return .success(Array(memory[index * blockSize..<(index + 1) * blockSize]))
    }

    public mutating func writeBlock(_ index: Int, _ data: [UInt8]) -> Result<Void, TagErrorCode> {
        guard index >= 0, index < blockCount, data.count == blockSize else { return .failure(.blockNotAvailable) }
        guard !lockedBlocks.contains(index) else { return .failure(.blockLocked) }
        memory.replaceSubrange(index * blockSize..<(index + 1) * blockSize, with: data)
        return .success(())
    }

    // State files carry hex strings, as documented for the mock reader and the emulator:
    // {"uid": "E004010046707A28", "dsfid": "06", "afi": "07", "eas": true, "blockSize": 4,
    //  "blockCount": 28, "memory": "<hex>", "lockedBlocks": []}, plus "writeMultiple": false
    //  for a tag without Write Multiple Blocks (written only when false).
    enum CodingKeys: String, CodingKey {
        case uid, dsfid, afi, eas, blockSize, blockCount, memory, lockedBlocks, writeMultiple
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func hexByte(_ key: CodingKeys) throws -> UInt8 {
            let s = try c.decodeIfPresent(String.self, forKey: key) ?? "00"
            guard let b = try? Hex.decode(s), b.count == 1 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected one hex byte")
            }
            return b[0]
        }
        let uidText = try c.decode(String.self, forKey: .uid)
        guard let uid = TagUID(hex: uidText) else {
            throw DecodingError.dataCorruptedError(forKey: .uid, in: c, debugDescription: "expected 16 hex digits")
        }
        let blockSize = try c.decodeIfPresent(Int.self, forKey: .blockSize) ?? 4
        let blockCount = try c.decodeIfPresent(Int.self, forKey: .blockCount) ?? 28
        guard (1...32).contains(blockSize), (1...256).contains(blockCount) else {
            throw DecodingError.dataCorruptedError(
                forKey: .blockSize, in: c, debugDescription: "block size must be 1-32 and block count 1-256")
        }
        let memoryText = try c.decodeIfPresent(String.self, forKey: .memory) ?? ""
        guard let memory = try? Hex.decode(memoryText), memory.count <= blockSize * blockCount else {
            throw DecodingError.dataCorruptedError(
                forKey: .memory, in: c, debugDescription: "memory must be hex, at most blockSize*blockCount bytes")
        }
        self.init(
            uid: uid, dsfid: try hexByte(.dsfid), afi: try hexByte(.afi),
            eas: try c.decodeIfPresent(Bool.self, forKey: .eas) ?? false, blockSize: blockSize,
            blockCount: blockCount, memory: memory,
            lockedBlocks: Set(try c.decodeIfPresent([Int].self, forKey: .lockedBlocks) ?? []),
            writeMultiple: try c.decodeIfPresent(Bool.self, forKey: .writeMultiple) ?? true)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uid.description, forKey: .uid)
        try c.encode(Hex.encode([dsfid]), forKey: .dsfid)
        try c.encode(Hex.encode([afi]), forKey: .afi)
        try c.encode(eas, forKey: .eas)
        try c.encode(blockSize, forKey: .blockSize)
        try c.encode(blockCount, forKey: .blockCount)
        try c.encode(Hex.encode(memory), forKey: .memory)
        try c.encode(lockedBlocks.sorted(), forKey: .lockedBlocks)
        if !writeMultiple { try c.encode(false, forKey: .writeMultiple) }
    }
}

/// The tags currently in a reader's field. Shared between an emulator's protocol logic and the
/// timeline that moves tags in and out, hence a lock rather than an actor: protocol emulators
/// answer synchronously, byte by byte, as firmware does.
public final class TagField: Sendable {
    private let state: Mutex<[EmulatedTag]>
    /// The antenna each tag is at, for tags a timeline placed at one; a tag absent here is in
    /// the field of every antenna (a desk reader has one).
    private let placement = Mutex<[TagUID: Int]>([:])

    public init(_ tags: [EmulatedTag] = []) { state = Mutex(tags) }

    public var tags: [EmulatedTag] { state.withLock { $0 } }

    /// The tags an antenna sees: with `antenna` nil (no antenna selected), every tag.
    public func tags(at antenna: Int?) -> [EmulatedTag] {
        guard let antenna else { return tags }
        let placed = placement.withLock { $0 }
        return tags.filter { placed[$0.uid].map { $0 == antenna } ?? true }
    }

    /// Whether the tag is in the field and seen by `antenna` (nil: any antenna).
    public func contains(_ uid: TagUID, at antenna: Int?) -> Bool {
        tags(at: antenna).contains { $0.uid == uid }
    }

    /// The antenna a tag was placed at, nil when it is at every antenna.
    public func antenna(of uid: TagUID) -> Int? { placement.withLock { $0[uid] } }

    public func replaceAll(_ tags: [EmulatedTag]) { state.withLock { $0 = tags } }

    /// Runs `body` on the tag with this UID, if it is in the field.
    public func withTag<R>(_ uid: TagUID, _ body: (inout EmulatedTag) -> R) -> R? {
        state.withLock { tags in
            guard let i = tags.firstIndex(where: { $0.uid == uid }) else { return nil }
            return body(&tags[i])
        }
    }

    public func insert(_ tag: EmulatedTag) {
        state.withLock { tags in
            if let i = tags.firstIndex(where: { $0.uid == tag.uid }) { tags[i] = tag } else { tags.append(tag) }
        }
    }

    /// Puts a tag in the field at `antenna` (nil: every antenna). A tag already in the field
    /// moves there keeping its state, as an item carried from one gate antenna to the other.
    public func enter(_ tag: EmulatedTag, antenna: Int?) {
        state.withLock { tags in
            if !tags.contains(where: { $0.uid == tag.uid }) { tags.append(tag) }
        }
        placement.withLock { $0[tag.uid] = antenna }
    }

    @discardableResult
    public func remove(_ uid: TagUID) -> EmulatedTag? {
        placement.withLock { _ = $0.removeValue(forKey: uid) }
        return state.withLock { tags in
            guard let i = tags.firstIndex(where: { $0.uid == uid }) else { return nil }
            return tags.remove(at: i)
        }
    }
}

/// The reader side of a protocol, as firmware runs it: bytes in, reply frames out. The emulator
/// host feeds it whatever arrives on the pty (possibly half a frame, possibly garbage) and
/// writes back what it returns; faults are injected by the host, not here.
public protocol ProtocolEmulator: Sendable {
    /// Protocol name as used on the command line ("feig", "3m810", "trf7970a").
    static var protocolName: String { get }
    /// Consumes bytes from the host; returns the replies completed by them, in order.
    mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]]
    /// Forgets a partly received frame (the host does this after an idle gap, like a reader's
    /// inter-character timeout).
    mutating func resetReceiver()
}
