import ReaderProtocols
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
