import EmulatedReaders
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import Testing

/// Both anticollision schemes find every tag exactly once, whatever the UIDs: the TI firmware's
/// 16-slot nibble search (as the emulator prints it, read back by the TRF7970A driver) and the
/// ACR1552U driver's one-slot bit search. Fields are drawn from fixed seeds so a failure replays;
/// half the UIDs share their low 20 bits with another tag to force deep searches.
@Suite("Anticollision over random fields")
struct AnticollisionTests {
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func field(seed: UInt64) -> [EmulatedTag] {
        var random = Seeded(state: seed)
        let count = 1 + Int(random.next() % 10)
        var uids: [UInt64] = []
        while uids.count < count {
            var v = 0xE004_0000_0000_0000 | (random.next() & 0x0000_FFFF_FFFF_FFFF)
            if let twin = uids.last, random.next() % 2 == 0 { v = (v & ~0xF_FFFF) | (twin & 0xF_FFFF) }
            if !uids.contains(v) { uids.append(v) }
        }
        return uids.map { v in
            EmulatedTag(uid: TagUID(bytes: (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * UInt64($0))) })!)
        }
    }

    @Test("the ACR1552U mask search finds each tag once", arguments: 1...40)
    func acr(seed: UInt64) async throws {
        let tags = Self.field(seed: seed)
        let link = InMemoryLink(ACR1552UEmulator(), field: TagField(tags))
        let reader = ACR1552UReader(endpoints: ByteStreamBulkEndpoints(link))
        let found = try await reader.inventory(afi: nil, antenna: nil).map(\.uid)
        #expect(found.count == tags.count)
        #expect(Set(found) == Set(tags.map(\.uid)))
    }

    @Test("the TI firmware's slot search prints each tag once", arguments: 1...40)
    func trf(seed: UInt64) {
        let tags = Self.field(seed: seed)
        var emulator = TRF7970AEmulator()
        let field = TagField(tags)
        _ = emulator.receive(TRF7970ACommand.selectISO15693(highDataRate: false).encoded(), field: field)
        let reply = emulator.receive(TRF7970ACommand.inventory(ISO15693Request.inventory(afi: nil, oneSlot: false, dataRate: 0)).encoded(), field: field)
        var lines = FrameAssembler<TRF7970AReplyScanner>()
        var found: [TagUID] = []
        for case .frame(.results(let items)) in lines.push(reply.flatMap { $0 }) {
            for case .tag(let uid, _) in items { found.append(uid) }
        }
        #expect(found.count == tags.count)
        #expect(Set(found) == Set(tags.map(\.uid)))
    }
}
