import RFIDCommon
import ReaderCore
import ReaderProtocols
import Testing

/// Worked frames from reference/reader-protocols.md, "TI TRF7970A evaluation module".
@Suite("TRF7970A EVM framing")
struct TRF7970AFrameTests {
    static let uid = TagUID(hex: "E004010046707A28")!

    static func ascii(_ frame: TRF7970AFrame) -> String { String(decoding: frame.encoded(), as: UTF8.self) }

    @Test("the reference's worked frames encode character for character")
    func workedFrames() {
        #expect(Self.ascii(TRF7970ACommand.initialiseFrame()) == "0108000304FF0000")
        #expect(Self.ascii(TRF7970ACommand.selectISO15693(highDataRate: false)) == "010C00030410002101000000")
        let inventory = ISO15693Request.inventory(afi: nil, oneSlot: false, dataRate: 0)
        #expect(Self.ascii(TRF7970ACommand.inventory(inventory)) == "010B000304140401000000")
        let afi = ISO15693Request.inventory(afi: 0xC2, oneSlot: false, dataRate: 0)
        #expect(Self.ascii(TRF7970ACommand.inventory(afi)) == "010C000304141401C2000000")
        let write = ISO15693Request.frame(.writeAFI, uid: Self.uid, parameters: [0xC2], dataRate: 0)
        #expect(Self.ascii(TRF7970ACommand.request(write)) == "0113000304182027" + "287A7046000104E0" + "C20000")
    }

    @Test("set-up frames match TI's GUI capture (AGC, AM input)")
    func setUpFrames() {
        #expect(Self.ascii(TRF7970ACommand.agcFrame()) == "0109000304F0000000")
        #expect(Self.ascii(TRF7970ACommand.amInput()) == "0109000304F1FF0000")
    }

    @Test("the request scanner reads back every frame the driver sends, whatever the chunking")
    func requestScannerRoundTrip() {
        let frames = [
            TRF7970ACommand.initialiseFrame(), TRF7970ACommand.selectISO15693(highDataRate: true),
            TRF7970ACommand.request(ISO15693Request.readMultiple(uid: Self.uid, first: 0, count: 8, dataRate: 2)),
        ]
        let stream = frames.flatMap { $0.encoded() }
        for split in 0...stream.count {
            var assembler = FrameAssembler<TRF7970ARequestScanner>()
            let events = assembler.push(stream[..<split]) + assembler.push(stream[split...])
            let decoded = events.compactMap { if case .frame(let f) = $0 { f } else { nil } }
            #expect(decoded == frames, "split at \(split)")
        }
    }

    @Test("lower-case hex is accepted; noise before a frame is skipped")
    func requestScannerLeniency() {
        var assembler = FrameAssembler<TRF7970ARequestScanner>()
        let events = assembler.push(Array("zz\r\n0108000304ff0000".utf8))
        #expect(events.contains { if case .frame(let f) = $0 { f.command == 0xFF } else { false } })
        #expect(events.contains { if case .skipped(0, 4) = $0 { true } else { false } })
    }

    @Test("reply lines: description, tag answers, collisions, silence, inventory items")
    func replyLines() {
        #expect(TRF7970AReplyScanner.parse(Array("Request mode.".utf8)) == .text("Request mode."))
        #expect(TRF7970AReplyScanner.parse([]) == .blank)
        #expect(TRF7970AReplyScanner.parse(Array("[0011223344]".utf8)) == .results([.data([0x00, 0x11, 0x22, 0x33, 0x44])]))
        #expect(TRF7970AReplyScanner.parse(Array("[z]".utf8)) == .results([.collision]))
        #expect(TRF7970AReplyScanner.parse(Array("[]".utf8)) == .results([.silence]))
        #expect(TRF7970AReplyScanner.parse(Array("[287A7046000104E0,4E]".utf8)) == .results([.tag(Self.uid, rssi: 0x4E)]))
        #expect(TRF7970AReplyScanner.parse(Array("ISO15693: [287A7046000104E0,4E]".utf8)) == .results([.tag(Self.uid, rssi: 0x4E)]))
        #expect(TRF7970AReplyScanner.parse(Array("[01][02][C1]".utf8)) == .results([.data([1]), .data([2]), .data([0xC1])]))
    }

    @Test("a corrupted bracket line is reported with the column where it breaks")
    func garbledLines() {
        #expect(TRF7970AReplyScanner.parse(Array("[00AB".utf8)) == .garbled(column: 0))
        #expect(TRF7970AReplyScanner.parse(Array("[00AG]".utf8)) == .garbled(column: 1))
        #expect(TRF7970AReplyScanner.parse(Array("[00]x".utf8)) == .garbled(column: 4))
        #expect(TRF7970AReplyScanner.parse(Array("AB]".utf8)) == .garbled(column: 2))
        #expect(TRF7970AReplyScanner.parse(Array("[287A7046010401,4E]".utf8)) == .garbled(column: 1))
    }

    @Test("a reply split at every byte boundary yields the same lines")
    func replySplitAnywhere() {
        let reply = Array("ISO 15693 Inventory request.\r\n\r\n[287A7046000104E0,4E]\r\n[78563412000104E0,51]\r\n".utf8)
        var whole = FrameAssembler<TRF7970AReplyScanner>()
        let expected = whole.push(reply).compactMap { if case .frame(let l) = $0 { l } else { nil } }
        #expect(expected.count == 4)
        for split in 0...reply.count {
            var assembler = FrameAssembler<TRF7970AReplyScanner>()
            let lines = (assembler.push(reply[..<split]) + assembler.push(reply[split...]))
                .compactMap { if case .frame(let l) = $0 { l } else { nil } }
            #expect(lines == expected, "split at \(split)")
        }
    }

    @Test("binary noise cannot start a line and is skipped")
    func binaryNoise() {
        var assembler = FrameAssembler<TRF7970AReplyScanner>()
        let events = assembler.push([0x00, 0x93, 0xFF] + Array("[]\r\n".utf8))
        #expect(events.contains { if case .frame(.results([.silence])) = $0 { true } else { false } })
        #expect(events.contains { if case .skipped(0, 3) = $0 { true } else { false } })
    }
}
