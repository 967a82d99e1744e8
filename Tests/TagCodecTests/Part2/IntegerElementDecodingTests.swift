import PropertyBased
@testable import TagCodec
import Testing

/// Integer-compacted elements of up to 8 bytes take the gate's fast path (number read straight
/// from memory, digits formatted two at a time in two halves); it must print exactly the
/// decimal value at every digit count, including the edges where the halves meet.
@Suite struct IntegerElementDecoding {
    /// Precursor 0x11 (integer, OID 1), the length, the value's big-endian bytes, terminator.
    static func tagBytes(_ value: UInt64, byteCount: Int) -> [UInt8] {
        let bytes = (0..<byteCount).reversed().map { UInt8(truncatingIfNeeded: value >> UInt64(8 * $0)) }
        return [0x11, UInt8(byteCount)] + bytes + [0x00]
    }

    static func minimalByteCount(_ value: UInt64) -> Int {
        max(1, (64 - value.leadingZeroBitCount + 7) / 8)
    }

    static let edges: [UInt64] = {
        var values: [UInt64] = [0, 1, UInt64.max, UInt64.max - 1]
        var power: UInt64 = 1
        for _ in 1...19 {
            power *= 10
            values += [power - 1, power, power + 1]
        }
        values += [99_999_999_999_999, 100_000_000, 100_000_001, 33_191_000_105_864, 9_999_999_999_999_999]
        return values
    }()

    @Test(arguments: edges)
    func anIntegerElementReadsAsItsDecimalValue(value: UInt64) throws {
        let tag = try ISO28560Part2.decode(Self.tagBytes(value, byteCount: Self.minimalByteCount(value)))
        #expect(tag.primaryItemIdentifier == String(value))
        #expect(tag.elements.first?.compaction == .integer)
    }

    @Test func randomValuesReadTheSameThroughEveryByteCountThatHoldsThem() async {
        await propertyCheck(count: 500, input: Gen.uint64(), Gen.int(in: 0...3)) { value, spareBytes in
            let byteCount = min(8, Self.minimalByteCount(value) + spareBytes)
            let tag = try? ISO28560Part2.decode(Self.tagBytes(value, byteCount: byteCount))
            #expect(tag?.primaryItemIdentifier == String(value))
            #expect(Compaction.decimalString(value) == String(value))
        }
    }

    @Test func leadingZeroBytesBeyondEightStillReadAsTheValue() throws {
        // Nine bytes take the general path; it must agree with the fast one.
        let tag = try ISO28560Part2.decode([0x11, 9, 0, 0, 0, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88, 0x00])
        #expect(tag.primaryItemIdentifier == "33191000105864")
    }
}
