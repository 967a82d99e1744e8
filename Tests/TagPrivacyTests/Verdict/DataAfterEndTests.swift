import PropertyBased
import TagCodec
@testable import TagPrivacy
import Testing

/// The check for bytes after the end of data reads whole words (the word holding the end,
/// aligned words, then the memory's last eight bytes); a single non-zero byte anywhere after
/// the end must be found, and nothing before the end may count, at every memory size.
@Suite struct DataAfterEnd {
    @Test func oneNonZeroByteIsFoundAtEveryOffsetAfterEveryEnd() {
        for count in 0...40 {
            for start in 0...count {
                // Non-zero bytes before `start` must never count.
                var memory = [UInt8](repeating: 0xFF, count: start) + [UInt8](repeating: 0, count: count - start)
                #expect(memory.withUnsafeBytes { PrivacyGuard.allZero($0, from: start) }, "count \(count), start \(start)")
                for spot in start..<count {
                    memory[spot] = 0x01
                    #expect(!memory.withUnsafeBytes { PrivacyGuard.allZero($0, from: start) }, "count \(count), start \(start), byte \(spot)")
                    memory[spot] = 0x00
                }
            }
        }
    }

    @Test func theWordCheckAgreesWithAByteByByteCheck() async {
        let memory = Gen.element(of: [0, 0, 0, 0, 0x80, 0x01] as [UInt8]).map { $0 ?? 0 }.array(of: 0...140)
        await propertyCheck(count: 1000, input: memory, Gen.int(in: 0...140)) { bytes, start in
            let expected = bytes.count <= start || bytes[start...].allSatisfy { $0 == 0 }
            #expect(bytes.withUnsafeBytes { PrivacyGuard.allZero($0, from: start) } == expected)
        }
    }

    @Test func aTagWithAByteAfterItsTerminatorIsNeverCompliant() throws {
        let image = try ISO28560Part2.encode(primaryItemIdentifier: "33191000105864", blockSize: 4, blockCount: 28)
        let tag = try ISO28560Part2.decode(image)
        #expect(PrivacyGuard.verdict(for: tag).compliant)
        for spot in tag.endOfData..<image.count {
            var dirty = image
            dirty[spot] = 0x20
            let verdict = PrivacyGuard.verdict(for: try ISO28560Part2.decode(dirty))
            #expect(verdict.violations.map(\.kind) == [.dataAfterEnd], "byte \(spot)")
            #expect(verdict.violations.first?.byteOffset == spot)
        }
    }
}
