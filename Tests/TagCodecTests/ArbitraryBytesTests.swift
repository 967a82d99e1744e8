import PropertyBased
import TagCodec
import Testing

/// Tag memory comes from the air: any bytes must give a tag or a typed error, never a crash or
/// a hang. (The libFuzzer target in Fuzz/TagDecoders explores far more inputs than this.)
@Suite struct ArbitraryBytes {
    @Test func anyBytesDecodeOrFailWithATypedError() async {
        await propertyCheck(count: 2000, input: Gen.uint8().array(of: 0...140), Gen.uint8()) { bytes, dsfid in
            do {
                let tag = try TagDecoder.decode(bytes, dsfid: dsfid)
                #expect(tag.endOfData <= bytes.count || tag.format == .blank)
            } catch {
                #expect(!String(describing: error).isEmpty)
            }
        }
    }

    @Test func mutatedValidTagsDecodeOrFailWithATypedError() async {
        let base: [UInt8] = [0x91, 0x00, 0x05, 0x1C, 0xBE, 0x99, 0x1A, 0x14, 0x02, 0x01, 0xD0, 0x7F, 0x02, 0x04, 0x74, 0x65, 0x73, 0x74, 0x00]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...18), Gen.uint8()) { index, value in
            var bytes = base
            bytes[index] = value
            _ = try? ISO28560Part2.decode(bytes)
            _ = try? ISO28560Part3.decode(bytes + [UInt8](repeating: value, count: 20))
            _ = try? Legacy3M.decode(bytes + [UInt8](repeating: value, count: 10))
        }
    }
}
