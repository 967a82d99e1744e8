import ReaderCore
import RFIDCommon

/// The tags the `emulated:` reader starts with, so the quick start shows the three cases a
/// station meets at a real desk: a tag already in ISO 28560-2, a blank tag, and an old 3M tag.
/// Memory is written as hex constants (computed by hand from the reference formats) so the
/// demo does not depend on the codec it is meant to exercise.
public enum DemoTags {
    /// ISO 28560-2 (DSFID 06), item 33191000105864 as the compacted primary item identifier
    /// (11 06 1E2FE1C5638800), AFI 07 and EAS on: an item on the shelf.
    public static let compliant = EmulatedTag(
        uid: TagUID(hex: "E004010046707A28") ?? fallbackUID, dsfid: 0x06, afi: 0x07, eas: true, blockSize: 4,
        blockCount: 28, memory: hex("11061E2FE1C5638800"))

    /// Factory blank: DSFID 00, AFI 00, memory all zero. What a station tags.
    public static let blank = EmulatedTag(
        uid: TagUID(hex: "E004010012345678") ?? fallbackUID, dsfid: 0x00, afi: 0x00, eas: false, blockSize: 4,
        blockCount: 28)

    /// 3M legacy format (DSFID 00): block 0 `04 11 00 01` (item 1 of 1, a book), blocks 1-4 the
    /// barcode 30234000517861 in ASCII, NUL terminated, blocks 5-6 zero, and the rest of memory
    /// still 0x55 from the factory: every block holds something, so nothing is "free".
    public static let legacy = EmulatedTag(
        uid: TagUID(hex: "E0040150A1B2C3D4") ?? fallbackUID, dsfid: 0x00, afi: 0x07, eas: true, blockSize: 4,
        blockCount: 28,
        memory: hex("04110001" + "3330323334303030" + "3531373836310000" + "00000000" + "00000000")
            + [UInt8](repeating: 0x55, count: 4 * 21))

    public static var all: [EmulatedTag] { [compliant, blank, legacy] }

    private static let fallbackUID = TagUID(bytes: [0xE0, 0, 0, 0, 0, 0, 0, 0])!

    private static func hex(_ s: String) -> [UInt8] { (try? Hex.decode(s)) ?? [] }
}
