import ReaderCore
import ReaderProtocols
import RFIDCommon
import Testing

@Suite("3M 810 framing")
struct ThreeMFrameTests {
    static let worked: [([UInt8], [UInt8])] = [
        ([0xFE, 0x00, 0x05], [0xD6, 0x00, 0x05, 0xFE, 0x00, 0x05, 0xFA, 0x40]),
        ([0x11], [0xD6, 0x00, 0x03, 0x11, 0x64, 0x20]),
        (
            [0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03],
            [0xD6, 0x00, 0x09, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x12, 0xE6]
        ),
    ]

    @Test("worked frames encode to the reference bytes", arguments: 0..<worked.count)
    func encodes(index: Int) {
        #expect(ThreeMFrame(payload: Self.worked[index].0).encoded() == Self.worked[index].1)
    }

    @Test("worked frames decode", arguments: 0..<worked.count)
    func decodes(index: Int) {
        var assembler = FrameAssembler<ThreeMScanner>()
        #expect(frames(assembler.push(Self.worked[index].1)) == [ThreeMFrame(payload: Self.worked[index].0)])
    }

    @Test("split at every byte boundary, with garbage between frames, decodes the same")
    func splitAndGarbage() {
        let stream = [0x00, 0xD6, 0xFF] + Self.worked[0].1 + [0x13] + Self.worked[1].1 + Self.worked[2].1
        let expected = Self.worked.map { ThreeMFrame(payload: $0.0) }
        for cut in 0...stream.count {
            var assembler = FrameAssembler<ThreeMScanner>()
            let got = frames(assembler.push(stream[..<cut])) + frames(assembler.push(stream[cut...]))
            #expect(got == expected, "cut at \(cut)")
        }
    }

    @Test("the D5 probe Biblio-RFID sends on open carries a CRC-16/GENIBUS over the bytes after its start byte")
    func probeFrameChecksum() {
        // `D5 00 05 04 00 11 8C 66` (reader-protocols.md): the same checksum as D6 frames, so
        // the probe is a frame of the same family with another start byte. The driver does not
        // send it (its purpose is not documented); the scanner skips it as noise before a D6.
        let probe: [UInt8] = [0xD5, 0x00, 0x05, 0x04, 0x00, 0x11, 0x8C, 0x66]
        #expect(CRC16.genibus(probe[1..<6]) == 0x8C66)
        var assembler = FrameAssembler<ThreeMScanner>()
        let stream = probe + Self.worked[1].1
        #expect(frames(assembler.push(stream)) == [ThreeMFrame(payload: Self.worked[1].0)])
    }

    @Test("a corrupted CRC is reported")
    func checksumError() {
        var bad = Self.worked[1].1
        bad[4] ^= 0x01
        var assembler = FrameAssembler<ThreeMScanner>()
        let events = assembler.push(bad)
        #expect(events.contains { if case .checksumError(streamOffset: 0) = $0 { true } else { false } })
        #expect(frames(events).isEmpty)
    }
}

/// Frames from a public capture of a real 3M 810 (koha-rfid-3m810-js, tests/fixtures/live-capture.txt):
/// the layouts the driver sends and parses, byte for byte.
@Suite("3M 810 frames from a real reader's capture")
struct ThreeMCaptureTests {
    static let uid = TagUID(hex: "E004010031269117")!

    @Test("Get AFI and Read Blocks requests encode as the capture shows")
    func requests() throws {
        #expect(ThreeMFrame(payload: ThreeMCommand.getAFI(uid: Self.uid)).encoded() == (try Hex.decode("D6000B0AE004010031269117EC84")))
        #expect(
            ThreeMFrame(payload: ThreeMCommand.readMultiple(uid: Self.uid, first: 0, count: 8)).encoded()
                == (try Hex.decode("D6000D02E004010031269117" + "0008" + "4E9B")))
    }

    @Test("the captured Get AFI reply gives AFI DA; the inventory reply lists two UIDs without DSFIDs")
    func replies() throws {
        let afiReply = ThreeMFrame(payload: try Hex.decode("0A00E004010031269117DA"))
        let reply = try ThreeMReply(frame: afiReply, operation: "read AFI")
        #expect(try ThreeMParse.afi(reply.fields) == 0xDA)
        #expect(ThreeMReplyShape.fits(request: ThreeMCommand.getAFI(uid: Self.uid), reply: afiReply.payload))

        let inventory = try ThreeMReply(
            frame: ThreeMFrame(payload: try Hex.decode("FE00000502E004010031269117E00401001F77FB98")), operation: "inventory")
        #expect(
            try ThreeMParse.inventory(inventory.fields)
                == [InventoryItem(uid: Self.uid, dsfid: nil), InventoryItem(uid: TagUID(hex: "E00401001F77FB98")!, dsfid: nil)])
    }
}

/// What lets a 3M driver skip a late reply: the command byte, the tag's UID, the counts.
@Suite("3M 810 reply shapes")
struct ThreeMReplyShapeTests {
    static let a = TagUID(hex: "E004010031269117")!
    static let b = TagUID(hex: "E00401001F77FB98")!

    func block(_ n: UInt8) -> [UInt8] { [n, 0x00, 0x11, 0x22, 0x33, 0x44] }

    @Test("a reply about another tag, or to another command, does not fit")
    func uidAndCommand() {
        #expect(!ThreeMReplyShape.fits(request: ThreeMCommand.getAFI(uid: Self.a), reply: [0x0A, 0x00] + Self.b.bytes + [0x07]))
        #expect(!ThreeMReplyShape.fits(request: ThreeMCommand.getAFI(uid: Self.a), reply: [0x09, 0x00] + Self.a.bytes))
        #expect(ThreeMReplyShape.fits(request: ThreeMCommand.writeAFI(uid: Self.a, afi: 7), reply: [0x09, 0x00] + Self.a.bytes))
    }

    @Test("a read reply must list the count and first block asked for")
    func readCounts() {
        let request = ThreeMCommand.readMultiple(uid: Self.a, first: 2, count: 2)
        #expect(ThreeMReplyShape.fits(request: request, reply: [0x02, 0x00] + Self.a.bytes + [2] + block(2) + block(3)))
        #expect(!ThreeMReplyShape.fits(request: request, reply: [0x02, 0x00] + Self.a.bytes + [2] + block(0) + block(1)))
        #expect(!ThreeMReplyShape.fits(request: request, reply: [0x02, 0x00] + Self.a.bytes + [1] + block(2)))
    }

    @Test("an error reply fits when command and UID match: a stale error fails an operation, never passes it")
    func errors() {
        let write = ThreeMCommand.writeMultiple(uid: Self.a, first: 0, count: 2, data: Array(1...8))
        #expect(ThreeMReplyShape.fits(request: write, reply: [0x04, 0x12] + Self.a.bytes))
        #expect(!ThreeMReplyShape.fits(request: write, reply: [0x04, 0x12] + Self.b.bytes))
        #expect(!ThreeMReplyShape.fits(request: write, reply: [0x04, 0x00] + Self.a.bytes + [1]))  // one block, not two
    }
}
