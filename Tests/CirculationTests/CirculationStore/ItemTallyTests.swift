import Testing

@testable import CirculationStore

/// The item tally is a hand-made hash table on the hottest path of an ingest; these tests hold
/// it to what a plain `[String: Int]` would say, on the shapes barcodes really have.
@Suite("Per-item tally of a batch")
struct ItemTallyTests {
    func contents(_ tally: ItemTally) -> [String: Int] {
        var result: [String: Int] = [:]
        tally.forEach { bytes, count in
            let item = String(decoding: bytes, as: UTF8.self)
            #expect(result[item] == nil, "item \(item) visited twice")
            result[item] = count
        }
        return result
    }

    @Test("counts equal a dictionary's, through many growing steps, for short, 16-byte and long barcodes")
    func sameAsDictionary() {
        var tally = ItemTally(capacity: 1)
        var expected: [String: Int] = [:]
        var state: UInt64 = 0x1234_5678
        for _ in 0..<60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = Int(state >> 45) % 9_000
            let item: String
            switch n % 5 {
            case 0: item = "3123400" + String(n)  // short digit barcode
            case 1: item = "A" + String(repeating: "7", count: 15)  // exactly 16 bytes
            case 2: item = "LONG-BARCODE-" + String(n) + "-X"  // over 16 bytes: the dictionary
            case 3: item = String(n)  // local number, few digits
            default: item = "ÄÖ" + String(n)  // UTF-8, not ASCII
            }
            tally.add(item)
            expected[item, default: 0] += 1
        }
        #expect(contents(tally) == expected)
        #expect(tally.count == expected.count)
    }

    @Test("a barcode and the same barcode with a trailing NUL stay two items")
    func nulIsNotPadding() {
        var tally = ItemTally()
        tally.add("31234")
        tally.add("31234\u{0}")
        tally.add("31234")
        #expect(contents(tally) == ["31234": 2, "31234\u{0}": 1])
    }

    @Test("short items come out in byte order, the store's key order")
    func byteOrder() {
        var tally = ItemTally()
        for item in ["33191000105864", "3", "30234000517861", "33", "A", "0999", "B1"] { tally.add(item) }
        var order: [String] = []
        tally.forEach { bytes, _ in order.append(String(decoding: bytes, as: UTF8.self)) }
        #expect(order == ["0999", "3", "30234000517861", "33", "33191000105864", "A", "B1"])
    }
}
