import PropertyBased
@testable import TagCodec
import Testing

/// Digit identifiers of up to 19 digits are encoded without building the compacted bytes
/// separately; the image must be byte for byte what the general path (most compact scheme,
/// then layout) writes, and a tag too small must be refused the same way.
@Suite struct IntegerEncoding {
    /// The general layout: precursor, length, compacted bytes, terminator, zeros to capacity.
    static func generalImage(_ text: String, capacity: Int) -> [UInt8]? {
        let (scheme, data) = Compaction.mostCompact(text)
        var image: [UInt8] = [scheme.rawValue << 4 | 0x01]
        ISO28560Part2.appendLength(data.count, to: &image)
        image += data + [0x00]
        guard image.count <= capacity else { return nil }
        return image + [UInt8](repeating: 0, count: capacity - image.count)
    }

    @Test func digitIdentifiersOfEveryLengthEncodeAsTheGeneralPathDoes() async {
        let digits = Gen.number.string(of: 1...22)
        await propertyCheck(count: 1000, input: digits, Gen.int(in: 1...6)) { text, blockCount in
            let expected = Self.generalImage(text, capacity: 4 * blockCount)
            let actual = try? ISO28560Part2.encode(primaryItemIdentifier: text, blockSize: 4, blockCount: blockCount)
            #expect(actual == expected, "\(text)")
        }
    }

    @Test func theLargestValuesStillTakeEightBytes() throws {
        for text in ["9999999999999999999", "1", "255", "256", "18446744073709551615"] {
            let image = try ISO28560Part2.encode(primaryItemIdentifier: text, blockSize: 4, blockCount: 28)
            #expect(image == Self.generalImage(text, capacity: 112), "\(text)")
            #expect(try ISO28560Part2.decode(image).primaryItemIdentifier == text)
        }
    }

    @Test func aTagTooSmallIsRefusedWithTheBytesItWouldNeed() {
        #expect(throws: TagCodecError.self) {
            try ISO28560Part2.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 2)
        }
        do {
            _ = try ISO28560Part2.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 2)
        } catch {
            #expect(error.kind == .doesNotFit)
            #expect(error.reason.contains("needs 9 bytes but the tag holds 8"))
        }
    }
}
