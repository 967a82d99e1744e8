import ReaderCore
import ReaderProtocols
import Testing

/// Worked frames from reader-protocols.md.
@Suite("FEIG ISO Host framing")
struct FEIGFrameTests {
    static let worked: [(String, FEIGFrame, [UInt8])] = [
        ("version", FEIGFrame(payload: [0x65]), [0x05, 0xFF, 0x65, 0xE5, 0xCB]),
        ("version advanced", FEIGFrame(payload: [0x65], advanced: true), [0x02, 0x00, 0x07, 0xFF, 0x65, 0x6E, 0x61]),
        ("inventory", FEIGFrame(payload: [0xB0, 0x01, 0x00]), [0x07, 0xFF, 0xB0, 0x01, 0x00, 0x1C, 0x56]),
        (
            "inventory advanced", FEIGFrame(payload: [0xB0, 0x01, 0x00], advanced: true),
            [0x02, 0x00, 0x09, 0xFF, 0xB0, 0x01, 0x00, 0x18, 0x43]
        ),
        ("RF off", FEIGFrame(payload: [0x6A, 0x00]), [0x06, 0xFF, 0x6A, 0x00, 0x6D, 0x16]),
        (
            "write AFI",
            FEIGFrame(payload: [0xB0, 0x27, 0x01, 0xE0, 0x04, 0x01, 0x00, 0x46, 0x70, 0x7A, 0x28, 0x07]),
            [0x10, 0xFF, 0xB0, 0x27, 0x01, 0xE0, 0x04, 0x01, 0x00, 0x46, 0x70, 0x7A, 0x28, 0x07, 0x9E, 0x97]
        ),
    ]

    /// The 0x83 inventory reply from the reference, with the elided middle record filled in
    /// and the CRC recomputed for it.
    static let inventoryReply83: [UInt8] = {
        let payload: [UInt8] =
            [0xB0, 0x83, 0x03]
            + [0x03, 0x00, 0xE0, 0x04, 0x01, 0x50, 0x33, 0x09, 0xCE, 0x74]
            + [0x03, 0x00, 0xE0, 0x04, 0x01, 0x00, 0x46, 0x70, 0x7A, 0x28]
            + [0x03, 0x01, 0xE0, 0x07, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78]
        return FEIGFrame(address: 0x00, payload: payload, advanced: true).encoded()
    }()

    @Test("every worked request encodes to the reference bytes", arguments: 0..<worked.count)
    func encodesWorkedFrame(index: Int) {
        let (_, frame, bytes) = Self.worked[index]
        #expect(frame.encoded() == bytes)
    }

    @Test("the driver's request builders produce the worked frames' payloads")
    func buildersMatchWorkedFrames() throws {
        let uid = try #require(TagUID(hex: "E004010046707A28"))
        #expect(FEIGFrame(payload: FEIGCommand.addressed(.writeAFI, uid, [0x07])).encoded() == Self.worked[5].2)
        #expect(FEIGFrame(payload: FEIGCommand.inventory(afi: nil)).encoded() == Self.worked[2].2)
        #expect(FEIGFrame(payload: FEIGCommand.rf(antenna: 0)).encoded() == Self.worked[4].2)
        #expect(FEIGFrame(payload: [FEIGCommand.softwareVersion]).encoded() == Self.worked[0].2)
    }

    @Test("every worked frame decodes back to itself", arguments: 0..<worked.count)
    func decodesWorkedFrame(index: Int) {
        let (_, frame, bytes) = Self.worked[index]
        var assembler = FrameAssembler<FEIGScanner>()
        #expect(frames(assembler.push(bytes)) == [frame])
    }

    @Test("the filled-in 0x83 reply is advanced, 39 bytes long, and decodes")
    func decodesInventoryReplyFrame() {
        #expect(Self.inventoryReply83.prefix(7) == [0x02, 0x00, 0x27, 0x00, 0xB0, 0x83, 0x03])
        #expect(Self.inventoryReply83.count == 0x27)
        var assembler = FrameAssembler<FEIGScanner>()
        let decoded = frames(assembler.push(Self.inventoryReply83))
        #expect(decoded.count == 1)
        #expect(decoded.first?.address == 0x00)
        #expect(decoded.first?.payload.prefix(2) == [0xB0, 0x83])
    }

    @Test("a frame split at every byte boundary decodes the same")
    func splitAtEveryBoundary() {
        let stream = Self.worked.flatMap(\.2) + Self.inventoryReply83
        var whole = FrameAssembler<FEIGScanner>()
        let expected = frames(whole.push(stream))
        #expect(expected.count == Self.worked.count + 1)
        for cut in 0...stream.count {
            var assembler = FrameAssembler<FEIGScanner>()
            let got = frames(assembler.push(stream[..<cut])) + frames(assembler.push(stream[cut...]))
            #expect(got == expected, "cut at \(cut)")
        }
        var byteByByte = FrameAssembler<FEIGScanner>()
        #expect(stream.flatMap { frames(byteByByte.push([$0])) } == expected)
    }

    @Test("garbage before and between frames is skipped and the frames still decode")
    func resynchronisesAfterGarbage() {
        let a = Self.worked[0].2
        let b = Self.worked[4].2
        var assembler = FrameAssembler<FEIGScanner>()
        let events = assembler.push([0x00, 0x01, 0x03] + a + [0x04, 0x00] + b)
        #expect(frames(events) == [Self.worked[0].1, Self.worked[4].1])
        #expect(events.contains { if case .skipped = $0 { true } else { false } })
    }

    @Test("a corrupted CRC is reported with its stream offset; after a reset the next frame decodes")
    func reportsChecksumError() {
        var bad = Self.worked[2].2
        bad[bad.count - 1] ^= 0xFF
        var assembler = FrameAssembler<FEIGScanner>()
        let events = assembler.push(bad)
        #expect(events.contains { if case .checksumError(streamOffset: 0) = $0 { true } else { false } })
        #expect(frames(events).isEmpty)
        assembler.reset()
        #expect(frames(assembler.push(Self.worked[0].2)) == [Self.worked[0].1])
    }

    @Test("a stray byte that looks like a length is dropped when its CRC fails, and the real frame follows")
    func strayLengthByteResynchronises() {
        var assembler = FrameAssembler<FEIGScanner>()
        let events = assembler.push([0x06] + Self.worked[4].2 + Self.worked[0].2)
        #expect(frames(events) == [Self.worked[4].1, Self.worked[0].1])
    }

    @Test("a long payload is sent as an advanced frame")
    func longPayloadGoesAdvanced() {
        let frame = FEIGFrame(payload: [0xB0] + Array(repeating: 0xAA, count: 300))
        let bytes = frame.encoded()
        #expect(bytes.first == 0x02)
        var assembler = FrameAssembler<FEIGScanner>()
        #expect(frames(assembler.push(bytes)).first?.payload == frame.payload)
    }
}

func frames<F>(_ events: [FrameEvent<F>]) -> [F] {
    events.compactMap { if case .frame(let f) = $0 { f } else { nil } }
}
